import { createHash, randomBytes } from "node:crypto";
import type { Queryable } from "../db/pool.ts";

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
const TOUCH_INTERVAL_MS = 10 * 1000;
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

export function digestToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createSession(
  db: Queryable,
  userId: number,
  stage: SessionStage,
  meta: { ip?: string; userAgent?: string } = {},
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  await db.query(
    `INSERT INTO sessions (token_digest, user_id, csrf_token, stage, expires_at, ip, user_agent)
     VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5), $6, $7)`,
    [
      digestToken(token),
      userId,
      csrfToken,
      stage,
      ABSOLUTE_TIMEOUT_MS / 1000,
      meta.ip ?? null,
      meta.userAgent?.slice(0, 300) ?? null,
    ],
  );
  return { token, csrfToken };
}

export type SessionLookup =
  | { status: "ok"; session: SessionRow }
  | { status: "missing" | "expired" | "idle" };

/**
 * Finds a live session and slides its idle window. A session past either timeout is ended
 * here, so it cannot be revived by a later request.
 */
export async function touchSession(db: Queryable, token: string): Promise<SessionLookup> {
  const digest = digestToken(token);
  const found = await db.query<{
    user_id: number;
    csrf_token: string;
    stage: SessionStage;
    last_seen_at: Date;
    expires_at: Date;
    now: Date;
  }>(
    `SELECT user_id, csrf_token, stage, last_seen_at, expires_at, now() AS now
       FROM sessions WHERE token_digest = $1 AND ended_at IS NULL`,
    [digest],
  );
  const row = found.rows[0];
  if (!row) return { status: "missing" };
  const now = row.now.getTime();
  const status =
    now >= row.expires_at.getTime()
      ? "expired"
      : now - row.last_seen_at.getTime() >= IDLE_TIMEOUT_MS
        ? "idle"
        : "ok";
  if (status !== "ok") {
    await endSession(db, token);
    return { status };
  }
  // The idle clock counts in minutes, so a request within seconds of the last refresh need not
  // write: an exam deadline rush would otherwise commit a session update per submission.
  if (now - row.last_seen_at.getTime() >= TOUCH_INTERVAL_MS) {
    await db.query("UPDATE sessions SET last_seen_at = now() WHERE token_digest = $1", [digest]);
  }
  return {
    status: "ok",
    session: {
      userId: row.user_id,
      csrfToken: row.csrf_token,
      stage: row.stage,
      lastSeenAt: row.now,
      expiresAt: row.expires_at,
    },
  };
}

export async function setSessionStage(db: Queryable, token: string, stage: SessionStage) {
  await db.query("UPDATE sessions SET stage = $2 WHERE token_digest = $1", [
    digestToken(token),
    stage,
  ]);
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
