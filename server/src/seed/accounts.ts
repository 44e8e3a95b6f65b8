import { type AuditActor, recordAudit } from "../platform/audit/record.ts";
import { generatePassword, hashPassword } from "../platform/auth/password.ts";
import type { Role } from "../platform/auth/permissions.ts";
import type { Tx } from "../platform/db/pool.ts";
import type { LoadedOrg } from "./load.ts";

export interface SeedAccount {
  username: string;
  displayName: string;
  role: Role;
  org: LoadedOrg;
  memberId?: number | null;
  mustChangePassword: boolean;
  /** A demo account: the web app shows the demo banner, a production start refuses to run. */
  isDemo?: boolean;
}

/** Creates a user with one grant and a random password, which is returned to be shown once. */
export async function createSeedAccount(
  tx: Tx,
  actor: AuditActor,
  account: SeedAccount,
): Promise<string> {
  const password = generatePassword();
  const user = await tx.query<{ id: number }>(
    `INSERT INTO users (username, display_name, member_id, password_hash, must_change_password,
                        org_id, is_demo)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      account.username,
      account.displayName,
      account.memberId ?? null,
      await hashPassword(password),
      account.mustChangePassword,
      account.org.id,
      account.isDemo ?? false,
    ],
  );
  const userId = user.rows[0]?.id;
  const grant = await tx.query<{ id: number }>(
    "INSERT INTO role_grants (user_id, role, org_id) VALUES ($1, $2, $3) RETURNING id",
    [userId, account.role, account.org.id],
  );
  await recordAudit(tx, actor, {
    action: "user.create",
    entityType: "user",
    entityId: userId,
    orgPath: account.org.path,
    after: {
      username: account.username,
      displayName: account.displayName,
      memberId: account.memberId ?? null,
    },
  });
  await recordAudit(tx, actor, {
    action: "grant.create",
    entityType: "role_grant",
    entityId: grant.rows[0]?.id,
    orgPath: account.org.path,
    after: { userId, role: account.role, orgId: account.org.id },
  });
  return password;
}

/** The first member on the roster of an org, to link a demo account to a real person. */
export async function firstMemberOf(tx: Tx, org: LoadedOrg, offset = 0) {
  const found = await tx.query<{ id: number; name: string }>(
    "SELECT id, name FROM members WHERE org_id = $1 ORDER BY id OFFSET $2 LIMIT 1",
    [org.id, offset],
  );
  return found.rows[0] ?? null;
}
