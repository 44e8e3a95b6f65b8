import type { SessionStage } from "../../platform/auth/sessions.ts";

/**
 * Progressive delays after failed passwords or one-time codes, never a lock a stranger can
 * hold: each counter allows `free` failures, then each further one doubles the wait from one
 * second up to `capSeconds`. A quiet hour (or a success) forgets a counter.
 * - pair: one account from one address: the guesser slows only themselves;
 * - account: one account from everywhere: slows a distributed guess, and its owner waits at
 *   most a minute;
 * - address: one address against every account (an office behind one NAT shares it).
 * Overall, more than `globalPerMinute` failures stop password checks until the minute ends.
 */
export const THROTTLE = {
  pair: { free: 4, baseSeconds: 30, capSeconds: 15 * 60 },
  account: { free: 9, baseSeconds: 4, capSeconds: 60 },
  address: { free: 19, baseSeconds: 30, capSeconds: 15 * 60 },
  globalPerMinute: 1000,
  forgetAfterMinutes: 60,
} as const;

/** Seconds to wait after the `failures`-th failure on a counter that allows `free`. */
export function delaySeconds(
  failures: number,
  rule: { free: number; baseSeconds: number; capSeconds: number },
) {
  if (failures <= rule.free) return 0;
  return Math.min(rule.capSeconds, rule.baseSeconds * 2 ** Math.min(failures - rule.free - 1, 20));
}

export { PI_NOTICE_VERSION } from "../../platform/auth/consent.ts";

/** What a user has to do after the password, given what is on their account. */
export function stageAfterPassword(user: {
  mustChangePassword: boolean;
  isAdministrator: boolean;
  totpEnabled: boolean;
}): SessionStage {
  if (user.mustChangePassword) return "password_change";
  return secondFactorStage(user);
}

/** Administrators (三员) need a second factor; everyone else is done. */
export function secondFactorStage(user: {
  isAdministrator: boolean;
  totpEnabled: boolean;
}): SessionStage {
  if (!user.isAdministrator) return "active";
  return user.totpEnabled ? "totp" : "totp_enrol";
}

/**
 * A password may be changed when the user must change it or is fully signed in — not while
 * a second factor is still owed, or a stolen password alone could take over the account.
 */
export function canChangePassword(stage: SessionStage): boolean {
  return stage === "password_change" || stage === "active";
}
