import { randomInt } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { BadInput } from "../errors.ts";
import { COMMON_PASSWORD_WORDS } from "./common-passwords.ts";

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

const LEET: Record<string, string> = {
  "@": "a",
  "4": "a",
  "8": "b",
  "3": "e",
  "6": "g",
  "1": "l",
  "0": "o",
  $: "s",
  "5": "s",
  "7": "t",
};

/**
 * The words a password is built around: its letters with l33t spelling undone (`P@ssw0rd`),
 * and its plain letters (`1qaz2wsx`). Runs of two or more digits are numbers (a year, 123),
 * not spelling, and go first.
 */
export function passwordCores(password: string): { leet: string; plain: string } {
  const lower = password.toLowerCase();
  const leet = lower
    .replace(/\d{2,}/g, "")
    .replace(/[@4831065$7]/g, (c) => LEET[c] ?? c)
    .replace(/[^a-z]/g, "");
  return { leet, plain: lower.replace(/[^a-z]/g, "") };
}

function isRepeatOfCommon(core: string): boolean {
  if (COMMON_PASSWORD_WORDS.has(core)) return true;
  for (let size = 1; size <= core.length / 2; size++) {
    if (core.length % size !== 0) continue;
    const unit = core.slice(0, size);
    if (unit.repeat(core.length / size) === core) return true;
  }
  return false;
}

export type PasswordProblem = "short" | "classes" | "long" | "repetitive" | "common" | "username";

/** Why a password is refused, or null when it passes. */
export function passwordProblem(password: string, username?: string): PasswordProblem | null {
  if (password.length > 128) return "long";
  // Spaces are allowed (pass phrases) but do not count toward the length.
  if (password.replace(/\s/g, "").length < 10) return "short";
  if (CLASSES.filter((re) => re.test(password)).length < 3) return "classes";
  const chars = [...password];
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  if (counts.size < 6 || Math.max(...counts.values()) > chars.length * 0.4) return "repetitive";
  const lower = password.toLowerCase();
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) {
    return "username";
  }
  const { leet, plain } = passwordCores(password);
  if (plain.length < 4 || isRepeatOfCommon(leet) || isRepeatOfCommon(plain)) return "common";
  return null;
}

const PROBLEM_TEXT: Record<PasswordProblem, { "zh-CN": string; "en-US": string }> = {
  short: {
    "zh-CN": "密码至少 10 位（空格不计），且须包含大写字母、小写字母、数字、符号中的至少三类",
    "en-US":
      "Passwords need at least 10 characters (spaces not counted) from at least 3 of: upper case, lower case, digits, symbols",
  },
  classes: {
    "zh-CN": "密码至少 10 位，且须包含大写字母、小写字母、数字、符号中的至少三类",
    "en-US":
      "Passwords need at least 10 characters from at least 3 of: upper case, lower case, digits, symbols",
  },
  long: { "zh-CN": "密码不能超过 128 位", "en-US": "Passwords are at most 128 characters" },
  repetitive: {
    "zh-CN": "密码中重复字符过多，请使用更多不同的字符",
    "en-US": "Too many repeated characters; use more different characters",
  },
  common: {
    "zh-CN": "密码过于常见或容易猜到（如 Password123、Woaini1314），请换一个",
    "en-US": "This password is too common or easy to guess (like Password123); choose another",
  },
  username: {
    "zh-CN": "密码不能包含用户名",
    "en-US": "The password must not contain the username",
  },
};

/**
 * At least 10 characters (not counting spaces) from at least 3 of: lower case, upper case,
 * digits, symbols; not built around a common word, not mostly one character, not the username.
 */
export function checkPasswordPolicy(password: string, field = "newPassword", username?: string) {
  const problem = passwordProblem(password, username);
  if (problem) throw new BadInput(field, PROBLEM_TEXT[problem], "weak_password");
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
