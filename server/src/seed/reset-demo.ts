import type { AuditActor } from "../platform/audit/record.ts";
import { recordAudit } from "../platform/audit/record.ts";
import { generatePassword, hashPassword } from "../platform/auth/password.ts";
import type { Role } from "../platform/auth/permissions.ts";
import type { Queryable, Tx } from "../platform/db/pool.ts";
import type { Credential } from "./bootstrap.ts";

/**
 * When the demo is already loaded, `seed demo` gives its accounts new passwords and prints
 * them: the only way to learn a password that was shown once at first start. Each must be
 * changed at the next sign-in, like any one-time password.
 */
export async function resetDemoPasswords(tx: Tx, actor: AuditActor): Promise<Credential[] | null> {
  const found = await tx.query<{
    id: number;
    username: string;
    role: Role;
    org: string;
    path: string;
  }>(
    `SELECT u.id, u.username, g.role, o.name AS org, o.path::text AS path
       FROM users u JOIN role_grants g ON g.user_id = u.id JOIN orgs o ON o.id = g.org_id
      WHERE u.is_demo AND u.disabled_at IS NULL AND g.revoked_at IS NULL ORDER BY u.id`,
  );
  if (found.rowCount === 0) return null;
  const credentials: Credential[] = [];
  for (const row of found.rows) {
    const password = generatePassword();
    await tx.query(
      `UPDATE users SET password_hash = $2, must_change_password = true, failed_attempts = 0,
              locked_until = NULL, updated_at = now()
        WHERE id = $1`,
      [row.id, await hashPassword(password)],
    );
    await tx.query("UPDATE sessions SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL", [
      row.id,
    ]);
    await recordAudit(tx, actor, {
      action: "user.reset_password",
      entityType: "user",
      entityId: row.id,
      orgPath: row.path,
    });
    credentials.push({ username: row.username, password, role: row.role, org: row.org, note: "" });
  }
  return credentials;
}

/** The demo accounts still enabled; a production start refuses to run while there are any. */
export async function countDemoAccounts(db: Queryable): Promise<number> {
  const found = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM users WHERE is_demo AND disabled_at IS NULL",
  );
  return found.rows[0]?.n ?? 0;
}

/**
 * `wanggui seed demo --remove`: disables every demo account, ends its grants and sessions.
 * Rows stay (the audit log names them); the demo city's orgs and members stay too, for the
 * system administrator to archive if the installation keeps them.
 */
export async function removeDemoAccounts(tx: Tx, actor: AuditActor): Promise<string[]> {
  const found = await tx.query<{ id: number; username: string; path: string | null }>(
    `SELECT u.id, u.username, (SELECT o.path::text FROM orgs o WHERE o.id = u.org_id) AS path
       FROM users u WHERE u.is_demo AND u.disabled_at IS NULL ORDER BY u.id FOR UPDATE`,
  );
  for (const row of found.rows) {
    await tx.query("UPDATE users SET disabled_at = now(), updated_at = now() WHERE id = $1", [
      row.id,
    ]);
    await tx.query(
      "UPDATE role_grants SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL",
      [row.id],
    );
    await tx.query("UPDATE sessions SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL", [
      row.id,
    ]);
    await recordAudit(tx, actor, {
      action: "user.disable",
      entityType: "user",
      entityId: row.id,
      orgPath: row.path,
      after: { disabled: true, reason: "demo_removed" },
    });
  }
  return found.rows.map((r) => r.username);
}
