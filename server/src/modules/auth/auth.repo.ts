import { digestToken } from "../../platform/auth/sessions.ts";
import type { Queryable } from "../../platform/db/pool.ts";

/** What sign-in needs to know about an account. `locked` is judged by the database clock. */
export interface AuthUser {
  id: number;
  username: string;
  displayName: string;
  memberId: number | null;
  passwordHash: string;
  mustChangePassword: boolean;
  failedAttempts: number;
  lockedUntil: Date | null;
  locked: boolean;
  totpSecretEnc: Buffer | null;
  totpEnabled: boolean;
  totpLastStep: number | null;
  piConsentAt: Date | null;
  piConsentVersion: string | null;
  disabled: boolean;
  orgPath: string | null;
}

const AUTH_USER_COLUMNS = `
  u.id, u.username, u.display_name, u.member_id, u.password_hash, u.must_change_password,
  u.failed_attempts, u.locked_until, coalesce(u.locked_until > now(), false) AS locked,
  u.totp_secret_enc, u.totp_enabled_at IS NOT NULL AS totp_enabled, u.totp_last_step,
  u.pi_consent_at, u.pi_consent_version, u.disabled_at IS NOT NULL AS disabled,
  (SELECT o.path::text FROM orgs o WHERE o.id = u.org_id) AS org_path`;

interface AuthUserRow {
  id: number;
  username: string;
  display_name: string;
  member_id: number | null;
  password_hash: string;
  must_change_password: boolean;
  failed_attempts: number;
  locked_until: Date | null;
  locked: boolean;
  totp_secret_enc: Buffer | null;
  totp_enabled: boolean;
  totp_last_step: number | null;
  pi_consent_at: Date | null;
  pi_consent_version: string | null;
  disabled: boolean;
  org_path: string | null;
}

function toAuthUser(row: AuthUserRow | undefined): AuthUser | null {
  if (!row) return null;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    memberId: row.member_id,
    passwordHash: row.password_hash,
    mustChangePassword: row.must_change_password,
    failedAttempts: row.failed_attempts,
    lockedUntil: row.locked_until,
    locked: row.locked,
    totpSecretEnc: row.totp_secret_enc,
    totpEnabled: row.totp_enabled,
    totpLastStep: row.totp_last_step,
    piConsentAt: row.pi_consent_at,
    piConsentVersion: row.pi_consent_version,
    disabled: row.disabled,
    orgPath: row.org_path,
  };
}

export async function findUserByUsername(db: Queryable, username: string) {
  const result = await db.query<AuthUserRow>(
    `SELECT ${AUTH_USER_COLUMNS} FROM users u WHERE lower(u.username) = lower($1)`,
    [username],
  );
  return toAuthUser(result.rows[0]);
}

/** With `forUpdate`, holds the row so concurrent attempts on one account take turns. */
export async function findUserById(db: Queryable, id: number, forUpdate = false) {
  const result = await db.query<AuthUserRow>(
    `SELECT ${AUTH_USER_COLUMNS} FROM users u WHERE u.id = $1${forUpdate ? " FOR UPDATE OF u" : ""}`,
    [id],
  );
  return toAuthUser(result.rows[0]);
}

export async function setPassword(
  db: Queryable,
  userId: number,
  passwordHash: string,
  mustChange: boolean,
) {
  await db.query(
    `UPDATE users SET password_hash = $2, must_change_password = $3, failed_attempts = 0,
            locked_until = NULL, updated_at = now()
      WHERE id = $1`,
    [userId, passwordHash, mustChange],
  );
}

/** A new secret replaces any earlier one and stays off until a code from it is confirmed. */
export async function setPendingTotp(db: Queryable, userId: number, secretEnc: Buffer) {
  await db.query(
    `UPDATE users SET totp_secret_enc = $2, totp_enabled_at = NULL, totp_last_step = NULL,
            updated_at = now()
      WHERE id = $1`,
    [userId, secretEnc],
  );
}

export async function enableTotp(db: Queryable, userId: number) {
  await db.query("UPDATE users SET totp_enabled_at = now(), updated_at = now() WHERE id = $1", [
    userId,
  ]);
}

/**
 * Accepts a TOTP time step only if it is later than the last one used, in one statement,
 * so the same code cannot sign in twice even by two requests racing.
 */
export async function claimTotpStep(db: Queryable, userId: number, step: number) {
  const result = await db.query(
    `UPDATE users SET totp_last_step = $2
      WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)`,
    [userId, step],
  );
  return result.rowCount === 1;
}

export async function replaceRecoveryCodes(db: Queryable, userId: number, digests: string[]) {
  // Unused codes of an earlier enrolment must stop working; used ones are history.
  await db.query("DELETE FROM user_recovery_codes WHERE user_id = $1", [userId]);
  await db.query(
    `INSERT INTO user_recovery_codes (user_id, code_digest)
     SELECT $1, unnest($2::text[])`,
    [userId, digests],
  );
}

/** Marks the code used if it exists and is unused; true when it did. */
export async function useRecoveryCode(db: Queryable, userId: number, digest: string) {
  const result = await db.query(
    `UPDATE user_recovery_codes SET used_at = now()
      WHERE user_id = $1 AND code_digest = $2 AND used_at IS NULL`,
    [userId, digest],
  );
  return result.rowCount === 1;
}

export async function countUnusedRecoveryCodes(db: Queryable, userId: number) {
  const result = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM user_recovery_codes WHERE user_id = $1 AND used_at IS NULL",
    [userId],
  );
  return result.rows[0]?.n ?? 0;
}

export async function recordConsent(db: Queryable, userId: number, version: string) {
  const result = await db.query<{ pi_consent_at: Date }>(
    `UPDATE users SET pi_consent_at = now(), pi_consent_version = $2, updated_at = now()
      WHERE id = $1 RETURNING pi_consent_at`,
    [userId, version],
  );
  const row = result.rows[0];
  if (!row) throw new Error(`user ${userId} vanished while recording consent`);
  return row.pi_consent_at;
}

/** Ends every other session of the user, keeping the one identified by `keepToken`. */
export async function endOtherSessions(db: Queryable, userId: number, keepToken: string) {
  const result = await db.query(
    `UPDATE sessions SET ended_at = now()
      WHERE user_id = $1 AND ended_at IS NULL AND token_digest <> $2`,
    [userId, digestToken(keepToken)],
  );
  return result.rowCount ?? 0;
}
