import type { AuditActor } from "../platform/audit/record.ts";
import { recordAudit } from "../platform/audit/record.ts";
import { generatePassword, hashPassword } from "../platform/auth/password.ts";
import type { Role } from "../platform/auth/permissions.ts";
import type { Tx } from "../platform/db/pool.ts";
import type { Credential } from "./bootstrap.ts";

/**
 * When the demo is already loaded, `seed demo` gives its accounts new passwords and prints
 * them: the only way to learn a password that was shown once at first start.
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
      WHERE u.username LIKE 'demo.%' ORDER BY u.id`,
  );
  if (found.rowCount === 0) return null;
  const credentials: Credential[] = [];
  for (const row of found.rows) {
    const password = generatePassword();
    await tx.query(
      "UPDATE users SET password_hash = $2, failed_attempts = 0, locked_until = NULL, updated_at = now() WHERE id = $1",
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
