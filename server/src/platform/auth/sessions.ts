import { hash, randomBytes } from "node:crypto";
import type { Queryable } from "../db/pool.ts";

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
export const TOUCH_INTERVAL_MS = 60 * 1000;
export const SESSION_COOKIE = "wg_session";

/** What a signed-in session may still do before it is fully active. */
export type SessionStage = "password_change" | "totp_enrol" | "totp" | "active";

export interface SessionRow {
  userId: number;
  csrfToken: string;
  stage: SessionStage;
  lastSeenAt: Date;
  expiresAt: Date;
}

// The one-shot hash, not a Hash object per call: every signed-in request digests its token.
export function digestToken(token: string): string {
  return hash("sha256", token, "hex");
}

export async function createSession(
  db: Queryable,
  userId: number,
  stage: SessionStage,
  meta: { ip?: string; userAgent?: string; mfa?: boolean } = {},
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  await db.query(
    `INSERT INTO sessions (token_digest, user_id, csrf_token, stage, expires_at, ip, user_agent,
                           mfa_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5), $6, $7,
             CASE WHEN $8 THEN now() END)`,
    [
      digestToken(token),
      userId,
      csrfToken,
      stage,
      ABSOLUTE_TIMEOUT_MS / 1000,
      meta.ip ?? null,
      meta.userAgent?.slice(0, 300) ?? null,
      meta.mfa ?? false,
    ],
  );
  return { token, csrfToken };
}

/** What one request learns from its single read: the session and the account's versions. */
export interface SessionState extends SessionRow {
  /** When this session proved a second factor, if it did. */
  mfaAt: Date | null;
  /** Bumped by triggers on every change to the account or its grants (migration 0008). */
  authVersion: number;
  /** Bumped by a trigger whenever an org is renamed, moved or archived. */
  authEpoch: number;
  /** Today in China: grants start and end by this date. */
  today: string;
}

export type SessionLookup =
  | { status: "ok"; session: SessionState }
  | { status: "missing" | "expired" | "idle" | "disabled" };

/** With `mfa`, records that this session has just proved a second factor. */
export async function setSessionStage(
  db: Queryable,
  token: string,
  stage: SessionStage,
  mfa = false,
) {
  await db.query(
    `UPDATE sessions SET stage = $2, mfa_at = CASE WHEN $3 THEN now() ELSE mfa_at END
      WHERE token_digest = $1`,
    [digestToken(token), stage, mfa],
  );
}

/**
 * An administrator role has reached the user: every live session that has not proved a second
 * factor drops to the TOTP step it needs, at once.
 */
export async function requireSecondFactor(db: Queryable, userId: number) {
  await db.query(
    `UPDATE sessions s
        SET stage = CASE WHEN u.totp_enabled_at IS NULL THEN 'totp_enrol' ELSE 'totp' END
       FROM users u
      WHERE u.id = s.user_id AND s.user_id = $1 AND s.ended_at IS NULL AND s.mfa_at IS NULL
        AND s.stage = 'active'`,
    [userId],
  );
}

export async function endSession(db: Queryable, token: string) {
  await db.query(
    "UPDATE sessions SET ended_at = now() WHERE token_digest = $1 AND ended_at IS NULL",
    [digestToken(token)],
  );
}

export async function endAllSessions(db: Queryable, userId: number) {
  await db.query("UPDATE sessions SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL", [
    userId,
  ]);
}
