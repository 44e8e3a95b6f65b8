import type { SessionStage } from "../../platform/auth/sessions.ts";

/** Consecutive failed passwords or one-time codes before the account locks. */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;

/**
 * The personal-information notice (个人信息处理告知) users consent to at first sign-in.
 * Raising this version asks everyone to read and consent again.
 */
export const PI_NOTICE_VERSION = "2024-01";

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
