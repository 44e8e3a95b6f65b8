/**
 * The personal-information notice (个人信息处理告知) users consent to at first sign-in.
 * Raising this version asks everyone to read and consent again; until they do, the server
 * refuses every route that is not part of signing in (plugin.ts), whatever the browser shows.
 */
export const PI_NOTICE_VERSION = "2024-01";

export function hasConsented(account: { piConsentVersion: string | null }): boolean {
  return account.piConsentVersion === PI_NOTICE_VERSION;
}
