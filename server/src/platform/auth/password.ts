import { randomInt } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { BadInput } from "../errors.ts";

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const OPTIONS = {
  algorithm: 2 /* Argon2id; the enum is const and cannot be imported here */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export function verifyPassword(stored: string, password: string): Promise<boolean> {
  return verify(stored, password).catch(() => false);
}

const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];

/** At least 10 characters drawn from at least 3 of: lower case, upper case, digits, symbols. */
export function checkPasswordPolicy(password: string, field = "newPassword"): void {
  const classes = CLASSES.filter((re) => re.test(password)).length;
  if (password.length < 10 || classes < 3) {
    throw new BadInput(
      field,
      {
        "zh-CN": "密码至少 10 位，且须包含大写字母、小写字母、数字、符号中的至少三类",
        "en-US":
          "Passwords need at least 10 characters from at least 3 of: upper case, lower case, digits, symbols",
      },
      "weak_password",
    );
  }
  if (password.length > 128) {
    throw new BadInput(
      field,
      { "zh-CN": "密码不能超过 128 位", "en-US": "Passwords are at most 128 characters" },
      "weak_password",
    );
  }
}

/** A random password that satisfies the policy, for first-start and demo accounts. */
export function generatePassword(): string {
  const pick = (chars: string) => chars.charAt(randomInt(chars.length));
  const lower = "abcdefghijkmnpqrstuvwxyz";
  const upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  const digits = "23456789";
  const all = lower + upper + digits;
  const body = Array.from({ length: 11 }, () => pick(all)).join("");
  return `${pick(upper)}${pick(lower)}${pick(digits)}${body}`;
}
