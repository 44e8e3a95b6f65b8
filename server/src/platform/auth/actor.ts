import type { Queryable } from "../db/pool.ts";
import { isAdminRole, type Permission, ROLE_PERMISSIONS, type Role } from "./permissions.ts";

export interface ActiveGrant {
  id: number;
  role: Role;
  orgId: number;
  orgPath: string;
  orgName: string;
}

/** The signed-in person as every service sees them: who, and which grants are in force today. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  memberId: number | null;
  grants: ActiveGrant[];
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.grants.some((g) => ROLE_PERMISSIONS[g.role].includes(permission));
}

export function isAdministrator(actor: Actor): boolean {
  return actor.grants.some((g) => isAdminRole(g.role));
}

/** What the request gate needs to know about the account beside the actor. */
export interface AccountState {
  mustChangePassword: boolean;
  totpEnabled: boolean;
  piConsentVersion: string | null;
  isDemo: boolean;
  /** A 党员干部: the register and declarations (Art 18-20) bind only them. */
  isCadre: boolean;
}

export async function loadActor(db: Queryable, userId: number): Promise<Actor | null> {
  return (await loadSignedIn(db, userId))?.actor ?? null;
}

/** The actor and account state of an enabled user; null when disabled or gone. */
export async function loadSignedIn(
  db: Queryable,
  userId: number,
): Promise<{ actor: Actor; account: AccountState } | null> {
  const user = await db.query<{
    id: number;
    username: string;
    display_name: string;
    member_id: number | null;
    must_change_password: boolean;
    totp_enabled: boolean;
    pi_consent_version: string | null;
    is_demo: boolean;
    is_cadre: boolean;
  }>(
    `SELECT u.id, u.username, u.display_name, u.member_id, u.must_change_password,
            u.totp_enabled_at IS NOT NULL AS totp_enabled, u.pi_consent_version, u.is_demo,
            coalesce(m.is_cadre AND m.archived_at IS NULL, false) AS is_cadre
       FROM users u LEFT JOIN members m ON m.id = u.member_id
      WHERE u.id = $1 AND u.disabled_at IS NULL`,
    [userId],
  );
  const row = user.rows[0];
  if (!row) return null;
  // revoked_at is set when a grant is ended today: it stops at once, not at midnight.
  const grants = await db.query<{
    id: number;
    role: Role;
    org_id: number;
    path: string;
    name: string;
  }>(
    `SELECT g.id, g.role, g.org_id, o.path::text AS path, o.name
       FROM role_grants g JOIN orgs o ON o.id = g.org_id
      WHERE g.user_id = $1 AND g.revoked_at IS NULL AND o.archived_at IS NULL
        AND g.starts_on <= cn_today() AND (g.ends_on IS NULL OR g.ends_on >= cn_today())
      ORDER BY g.id`,
    [userId],
  );
  return {
    actor: {
      userId: row.id,
      username: row.username,
      displayName: row.display_name,
      memberId: row.member_id,
      grants: grants.rows.map((g) => ({
        id: g.id,
        role: g.role,
        orgId: g.org_id,
        orgPath: g.path,
        orgName: g.name,
      })),
    },
    account: {
      mustChangePassword: row.must_change_password,
      totpEnabled: row.totp_enabled,
      piConsentVersion: row.pi_consent_version,
      isDemo: row.is_demo,
      isCadre: row.is_cadre,
    },
  };
}
