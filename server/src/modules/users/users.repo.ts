import type { Permission, Role } from "../../platform/auth/permissions.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { Conflict } from "../../platform/errors.ts";
import { scopeClause } from "../../platform/scope.ts";
import type { Authority } from "./users.policy.ts";

function onlyRow<T>(rows: T[]): T {
  const row = rows[0];
  if (row === undefined) throw new Error("expected one row from INSERT … RETURNING or SELECT");
  return row;
}

/** The one scope helper of this module: the operator sees all, everyone else their subtree. */
function inScope(by: Authority, permission: Permission, column: string, params: unknown[]) {
  return by.kind === "operator" ? "true" : scopeClause(by.actor, permission, column, params);
}

// A grant is live until the day after it ends, in China time, unless it was cancelled.
const LIVE_GRANT = "g.revoked_at IS NULL AND (g.ends_on IS NULL OR g.ends_on >= cn_today())";

/**
 * An account is visible where its home org or any of its grants (even ended ones, so history
 * can be read) lies in the caller's scope.
 */
function visibleUser(by: Authority, params: unknown[]) {
  const home = inScope(by, "users:read", "ho.path", params);
  const granted = inScope(by, "users:read", "go.path", params);
  return `(${home} OR EXISTS (SELECT 1 FROM role_grants g JOIN orgs go ON go.id = g.org_id
                          WHERE g.user_id = u.id AND ${granted}))`;
}

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  member_id: number | null;
  org_id: number | null;
  org_name: string | null;
  org_path: string | null;
  disabled: boolean;
  locked: boolean;
  must_change_password: boolean;
  totp_enabled: boolean;
  created_at: Date;
  live_paths: string[];
  live_roles: Role[];
}

const USER_COLUMNS = `
  u.id, u.username, u.display_name, u.member_id, u.org_id, ho.name AS org_name,
  ho.path::text AS org_path, u.disabled_at IS NOT NULL AS disabled,
  coalesce(u.locked_until > now(), false) AS locked, u.must_change_password,
  u.totp_enabled_at IS NOT NULL AS totp_enabled, u.created_at,
  array(SELECT o.path::text FROM role_grants g JOIN orgs o ON o.id = g.org_id
         WHERE g.user_id = u.id AND ${LIVE_GRANT}) AS live_paths,
  array(SELECT DISTINCT g.role FROM role_grants g
         WHERE g.user_id = u.id AND ${LIVE_GRANT}) AS live_roles`;

export async function listUsers(
  db: Queryable,
  by: Authority,
  filter: { q?: string | undefined; page: number; pageSize: number },
): Promise<{ rows: UserRow[]; total: number }> {
  const params: unknown[] = [];
  let where = visibleUser(by, params);
  if (filter.q) {
    params.push(filter.q.toLowerCase());
    // position() rather than LIKE, so % and _ in the search text need no escaping.
    where += ` AND (position($${params.length} in lower(u.display_name)) > 0
                 OR position($${params.length} in lower(u.username)) > 0)`;
  }
  const from = `FROM users u LEFT JOIN orgs ho ON ho.id = u.org_id WHERE ${where}`;
  const count = await db.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, params);
  const rows = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS} ${from} ORDER BY u.id
      LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, filter.pageSize, (filter.page - 1) * filter.pageSize],
  );
  return { rows: rows.rows, total: count.rows[0]?.n ?? 0 };
}

/** The account if the caller may see it; with `forUpdate` its row is held for the change. */
export async function findVisibleUser(
  db: Queryable,
  by: Authority,
  userId: number,
  forUpdate = false,
): Promise<UserRow | null> {
  const params: unknown[] = [userId];
  const where = visibleUser(by, params);
  const result = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users u LEFT JOIN orgs ho ON ho.id = u.org_id
      WHERE u.id = $1 AND ${where}${forUpdate ? " FOR UPDATE OF u" : ""}`,
    params,
  );
  return result.rows[0] ?? null;
}

/** The account's id by its username, compared as the unique index does (lower case). */
export async function userIdByUsername(db: Queryable, username: string): Promise<number | null> {
  const result = await db.query<{ id: number }>(
    "SELECT id FROM users WHERE lower(username) = lower($1)",
    [username],
  );
  return result.rows[0]?.id ?? null;
}

export async function insertUser(
  db: Queryable,
  user: {
    username: string;
    displayName: string;
    orgId: number;
    memberId: number | null;
    passwordHash: string;
  },
): Promise<number> {
  try {
    const result = await db.query<{ id: number }>(
      `INSERT INTO users (username, display_name, org_id, member_id, password_hash,
                          must_change_password)
       VALUES ($1, $2, $3, $4, $5, true) RETURNING id`,
      [user.username, user.displayName, user.orgId, user.memberId, user.passwordHash],
    );
    return onlyRow(result.rows).id;
  } catch (error) {
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (code === "23505" && constraint === "users_member") {
      throw new Conflict(
        { "zh-CN": "该党员已有登录账号", "en-US": "This member already has an account" },
        "memberId",
        "duplicate",
      );
    }
    if (code === "23505") {
      throw new Conflict(
        { "zh-CN": "用户名已被使用", "en-US": "This username is taken" },
        "username",
        "duplicate",
      );
    }
    throw error;
  }
}

export async function setDisabled(db: Queryable, userId: number, disabled: boolean) {
  await db.query(
    `UPDATE users SET disabled_at = CASE WHEN $2 THEN now() ELSE NULL END, updated_at = now()
      WHERE id = $1`,
    [userId, disabled],
  );
}

/** A one-time password: must be changed at next sign-in, and any lock is lifted. */
export async function setOneTimePassword(db: Queryable, userId: number, passwordHash: string) {
  await db.query(
    `UPDATE users SET password_hash = $2, must_change_password = true, failed_attempts = 0,
            locked_until = NULL, updated_at = now()
      WHERE id = $1`,
    [userId, passwordHash],
  );
}

export interface GrantRow {
  id: number;
  user_id: number;
  role: Role;
  org_id: number;
  org_name: string;
  org_path: string;
  starts_on: string;
  ends_on: string | null;
  status: "scheduled" | "active" | "ended" | "revoked";
  granted_by: number | null;
}

const GRANT_COLUMNS = `
  g.id, g.user_id, g.role, g.org_id, o.name AS org_name, o.path::text AS org_path,
  g.starts_on, g.ends_on, g.granted_by,
  CASE WHEN g.revoked_at IS NOT NULL
        AND g.starts_on > (g.revoked_at AT TIME ZONE 'Asia/Shanghai')::date THEN 'revoked'
       WHEN g.revoked_at IS NOT NULL OR g.ends_on < cn_today() THEN 'ended'
       WHEN g.starts_on > cn_today() THEN 'scheduled'
       ELSE 'active' END AS status`;

/** The user's grants at orgs within the caller's `permission` scope. */
export async function listGrants(
  db: Queryable,
  by: Authority,
  userId: number,
  permission: Permission = "users:read",
): Promise<GrantRow[]> {
  const params: unknown[] = [userId];
  const where = inScope(by, permission, "o.path", params);
  const result = await db.query<GrantRow>(
    `SELECT ${GRANT_COLUMNS} FROM role_grants g JOIN orgs o ON o.id = g.org_id
      WHERE g.user_id = $1 AND ${where} ORDER BY g.starts_on DESC, g.id DESC`,
    params,
  );
  return result.rows;
}

/** Roles in force now or later, wherever they are: the 三员分立 check looks at all of them. */
export async function heldRoles(db: Queryable, userId: number): Promise<Role[]> {
  const result = await db.query<{ role: Role }>(
    `SELECT DISTINCT g.role FROM role_grants g WHERE g.user_id = $1 AND ${LIVE_GRANT}`,
    [userId],
  );
  return result.rows.map((r) => r.role);
}

export async function hasLiveGrant(db: Queryable, userId: number, role: Role, orgId: number) {
  const result = await db.query(
    `SELECT 1 FROM role_grants g WHERE g.user_id = $1 AND g.role = $2 AND g.org_id = $3
        AND ${LIVE_GRANT}`,
    [userId, role, orgId],
  );
  return (result.rowCount ?? 0) > 0;
}

export async function findGrant(
  db: Queryable,
  by: Authority,
  userId: number,
  grantId: number,
  forUpdate = false,
): Promise<GrantRow | null> {
  const params: unknown[] = [userId, grantId];
  const where = inScope(by, "grants:write", "o.path", params);
  const result = await db.query<GrantRow>(
    `SELECT ${GRANT_COLUMNS} FROM role_grants g JOIN orgs o ON o.id = g.org_id
      WHERE g.user_id = $1 AND g.id = $2 AND ${where}${forUpdate ? " FOR UPDATE OF g" : ""}`,
    params,
  );
  return result.rows[0] ?? null;
}

export async function insertGrant(
  db: Queryable,
  grant: {
    userId: number;
    role: Role;
    orgId: number;
    startsOn: string;
    endsOn: string | null;
    grantedBy: number | null;
  },
): Promise<number> {
  const result = await db.query<{ id: number }>(
    `INSERT INTO role_grants (user_id, role, org_id, starts_on, ends_on, granted_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [grant.userId, grant.role, grant.orgId, grant.startsOn, grant.endsOn, grant.grantedBy],
  );
  return onlyRow(result.rows).id;
}

/**
 * Ends a grant on `endsOn`. Ending it today stops it now (revoked_at), not at midnight: the
 * next request of the holder, in any server process, no longer carries the role.
 */
export async function setGrantEnd(db: Queryable, grantId: number, endsOn: string) {
  await db.query(
    `UPDATE role_grants SET ends_on = $2,
            revoked_at = CASE WHEN $2::date <= cn_today() THEN now() ELSE revoked_at END
      WHERE id = $1`,
    [grantId, endsOn],
  );
}

/** For a grant that has not started yet: it never takes effect, and the row stays. */
export async function revokeGrant(db: Queryable, grantId: number) {
  await db.query("UPDATE role_grants SET revoked_at = now() WHERE id = $1", [grantId]);
}

export async function today(db: Queryable): Promise<string> {
  const result = await db.query<{ today: string }>("SELECT cn_today() AS today");
  return onlyRow(result.rows).today;
}

export type AccountState = "none" | "pending" | "active" | "disabled";

/**
 * Whether each member has an account and how far it got: pending until the one-time password
 * was changed. Members without an account are absent from the map.
 */
export async function accountStates(
  db: Queryable,
  memberIds: number[],
): Promise<Map<number, Exclude<AccountState, "none">>> {
  if (memberIds.length === 0) return new Map();
  const result = await db.query<{ member_id: number; state: Exclude<AccountState, "none"> }>(
    `SELECT member_id, CASE WHEN disabled_at IS NOT NULL THEN 'disabled'
                            WHEN must_change_password THEN 'pending' ELSE 'active' END AS state
       FROM users WHERE member_id = ANY($1::bigint[])`,
    [[...new Set(memberIds)]],
  );
  return new Map(result.rows.map((r) => [Number(r.member_id), r.state]));
}

/** Which of these usernames are taken, compared as the unique index does (lower case). */
export async function takenUsernames(db: Queryable, usernames: string[]): Promise<Set<string>> {
  if (usernames.length === 0) return new Set();
  const result = await db.query<{ name: string }>(
    "SELECT lower(username) AS name FROM users WHERE lower(username) = ANY($1::text[])",
    [usernames.map((u) => u.toLowerCase())],
  );
  return new Set(result.rows.map((r) => r.name));
}

/**
 * Active members under `orgPath` with an enabled account. The caller has checked its reach
 * on `orgPath`; the roster count beside it comes from the members module.
 */
export async function countAccountsUnder(db: Queryable, orgPath: string): Promise<number> {
  const result = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM users u JOIN members m ON m.id = u.member_id
      WHERE m.org_path <@ $1::ltree AND m.archived_at IS NULL AND u.disabled_at IS NULL`,
    [orgPath],
  );
  return result.rows[0]?.n ?? 0;
}
