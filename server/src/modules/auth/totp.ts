import { createHash, randomInt } from "node:crypto";
import * as OTPAuth from "otpauth";

const ISSUER = "网规 Wanggui";
const PERIOD = 30;

/** SHA-1, 6 digits, 30 s: the parameters every common authenticator app understands. */
export function totpFor(secretBase32: string, username: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label: username,
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

/**
 * The time step of a code that is valid now, allowing one step of clock drift either way,
 * or null. The caller refuses a step it has already accepted, so a code cannot be replayed.
 */
export function matchTotp(secretBase32: string, code: string, now = Date.now()): number | null {
  const delta = OTPAuth.TOTP.validate({
    token: code,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD,
    timestamp: now,
    window: 1,
  });
  if (delta === null) return null;
  return OTPAuth.TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
}

// No 0/O or 1/I: codes are read off paper and typed by hand.
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const RECOVERY_CODE_COUNT = 10;

/** Ten codes of 10 characters (50 bits each) in the form ABCDE-FGHJK. */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Case, spaces and dashes do not matter when a code is typed back. */
export function recoveryCodeDigest(code: string): string {
  const normalized = code.toUpperCase().replace(/[\s-]/g, "");
  return createHash("sha256").update(normalized).digest("hex");
}
