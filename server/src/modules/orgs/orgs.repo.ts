import type { Actor } from "../../platform/auth/actor.ts";
import type { Permission } from "../../platform/auth/permissions.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { rewriteScopedPaths } from "../../platform/org-paths.ts";
import { scopeClause, scopePaths } from "../../platform/scope.ts";
import type { OrgKind, OrgRef } from "./orgs.schemas.ts";

/** An org row as the services see it, with its counts. */
export interface OrgRow {
  id: number;
  parentId: number | null;
  kind: OrgKind;
  name: string;
  code: string;
  path: string;
  level: number;
  archivedAt: string | null;
  archiveReason: string | null;
  childCount: number;
  memberCount: number;
  subtreeMemberCount: number;
}

interface DbOrgRow {
  id: number;
  parent_id: number | null;
  kind: OrgKind;
  name: string;
  code: string;
  path: string;
  level: number;
  archived_at: Date | null;
  archive_reason: string | null;
  child_count: number;
  member_count: number;
  subtree_member_count: number;
}

/**
 * Counts per node: active children by the parent index, direct members from the column the
 * members triggers keep, subtree members as a sum of that column over the org subtree. The
 * subtree is the code range [code, code || ':') (a code is its parent's plus three digits),
 * read index-only from orgs_code_rollup; never a scan of members.
 */
const ORG_COLUMNS = `o.id, o.parent_id, o.kind, o.name, o.code, o.path::text AS path,
  nlevel(o.path) AS level, o.archived_at, o.archive_reason, o.member_count,
  (SELECT count(*)::int FROM orgs c WHERE c.parent_id = o.id AND c.archived_at IS NULL) AS child_count,
  (SELECT coalesce(sum(s.member_count), 0)::int FROM orgs s
    WHERE s.code ~>=~ o.code AND s.code ~<~ (o.code || ':')) AS subtree_member_count`;

const LOCK_COLUMNS = `o.id, o.parent_id, o.kind, o.name, o.code, o.path::text AS path,
  nlevel(o.path) AS level, o.archived_at, o.archive_reason, o.member_count,
  0 AS child_count, 0 AS subtree_member_count`;

function toOrg(row: DbOrgRow): OrgRow {
  return {
    id: row.id,
    parentId: row.parent_id,
    kind: row.kind,
    name: row.name,
    code: row.code,
    path: row.path,
    level: row.level,
    archivedAt: row.archived_at ? row.archived_at.toISOString() : null,
    archiveReason: row.archive_reason,
    childCount: row.child_count,
    memberCount: row.member_count,
    subtreeMemberCount: row.subtree_member_count,
  };
}

export interface PageOf<T> {
  items: T[];
  total: number;
}

/** One org with its counts, if it lies in the caller's scope for `permission`. */
export async function findOrg(
  db: Queryable,
  actor: Actor,
  permission: Permission,
  id: number,
): Promise<OrgRow | null> {
  const params: unknown[] = [id];
  const scope = scopeClause(actor, permission, "o.path", params);
  const result = await db.query<DbOrgRow>(
    `SELECT ${ORG_COLUMNS} FROM orgs o WHERE o.id = $1 AND ${scope}`,
    params,
  );
  return result.rows[0] ? toOrg(result.rows[0]) : null;
}

/**
 * An org by id without a scope filter: only to return a row the caller has just written
 * (a system administrator's new top-level org lies outside every existing grant).
 */
export async function findWrittenOrg(db: Queryable, id: number): Promise<OrgRow | null> {
  const result = await db.query<DbOrgRow>(`SELECT ${ORG_COLUMNS} FROM orgs o WHERE o.id = $1`, [
    id,
  ]);
  return result.rows[0] ? toOrg(result.rows[0]) : null;
}

/**
 * Locks orgs in scope for a change (id order, so two movers never deadlock). Counts are not
 * computed here; a locked row is for deciding, not for showing.
 */
export async function lockOrgs(
  tx: Queryable,
  actor: Actor,
  permission: Permission,
  ids: number[],
): Promise<Map<number, OrgRow>> {
  const params: unknown[] = [ids];
  const scope = scopeClause(actor, permission, "o.path", params);
  const result = await tx.query<DbOrgRow>(
    `SELECT ${LOCK_COLUMNS} FROM orgs o WHERE o.id = ANY($1::bigint[]) AND ${scope}
      ORDER BY o.id FOR UPDATE`,
    params,
  );
  return new Map(result.rows.map((r) => [r.id, toOrg(r)]));
}

/** The top of each of the caller's subtrees: the orgs their outermost grants sit on. */
export async function listRoots(db: Queryable, actor: Actor): Promise<OrgRow[]> {
  const ids = scopePaths(actor, "orgs:read").map((p) => Number(p.split(".").at(-1)));
  const params: unknown[] = [ids];
  const scope = scopeClause(actor, "orgs:read", "o.path", params);
  const result = await db.query<DbOrgRow>(
    `SELECT ${ORG_COLUMNS} FROM orgs o
      WHERE o.id = ANY($1::bigint[]) AND ${scope} AND o.archived_at IS NULL
      ORDER BY o.code`,
    params,
  );
  return result.rows.map(toOrg);
}

export async function listChildren(
  db: Queryable,
  actor: Actor,
  parentId: number,
  opts: { page: number; pageSize: number; includeArchived: boolean },
): Promise<PageOf<OrgRow>> {
  const params: unknown[] = [parentId];
  const scope = scopeClause(actor, "orgs:read", "o.path", params);
  const where = `o.parent_id = $1 AND ${scope} ${opts.includeArchived ? "" : "AND o.archived_at IS NULL"}`;
  const total = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM orgs o WHERE ${where}`,
    params,
  );
  const rows = await db.query<DbOrgRow>(
    `SELECT ${ORG_COLUMNS} FROM orgs o WHERE ${where}
      ORDER BY o.code LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, opts.pageSize, (opts.page - 1) * opts.pageSize],
  );
  return { items: rows.rows.map(toOrg), total: total.rows[0]?.n ?? 0 };
}

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Orgs whose name contains `q` or whose code starts with it, shallowest first. */
export async function searchOrgs(
  db: Queryable,
  actor: Actor,
  opts: { q: string; page: number; pageSize: number; includeArchived: boolean },
): Promise<PageOf<OrgRow>> {
  const params: unknown[] = [opts.q, `${likeEscape(opts.q)}%`];
  const scope = scopeClause(actor, "orgs:read", "o.path", params);
  const where = `(strpos(o.name, $1) > 0 OR o.code LIKE $2) AND ${scope}
    ${opts.includeArchived ? "" : "AND o.archived_at IS NULL"}`;
  const total = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM orgs o WHERE ${where}`,
    params,
  );
  const rows = await db.query<DbOrgRow>(
    `SELECT ${ORG_COLUMNS} FROM orgs o WHERE ${where}
      ORDER BY nlevel(o.path), o.code LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, opts.pageSize, (opts.page - 1) * opts.pageSize],
  );
  return { items: rows.rows.map(toOrg), total: total.rows[0]?.n ?? 0 };
}

/**
 * The caller-visible ancestors of the given paths, keyed by id. A path is the ids from the
 * root down, so the ancestors of many orgs come back in one indexed query.
 */
export async function findAncestors(
  db: Queryable,
  actor: Actor,
  paths: string[],
): Promise<Map<number, OrgRef>> {
  const ids = [...new Set(paths.flatMap((p) => p.split(".").slice(0, -1).map(Number)))];
  if (ids.length === 0) return new Map();
  const params: unknown[] = [ids];
  const scope = scopeClause(actor, "orgs:read", "o.path", params);
  const result = await db.query<OrgRef>(
    `SELECT o.id, o.kind, o.name, o.code FROM orgs o WHERE o.id = ANY($1::bigint[]) AND ${scope}`,
    params,
  );
  return new Map(result.rows.map((r) => [r.id, r]));
}

/** The next free three-digit code under a parent (or among roots). Call with the parent locked. */
export async function nextChildCode(tx: Queryable, parent: OrgRow | null): Promise<string | null> {
  const result = await tx.query<{ code: string | null }>(
    parent
      ? "SELECT max(code) AS code FROM orgs WHERE parent_id = $1"
      : "SELECT max(code) AS code FROM orgs WHERE parent_id IS NULL",
    parent ? [parent.id] : [],
  );
  const last = result.rows[0]?.code;
  const next = last ? Number(last.slice(-3)) + 1 : 1;
  if (next > 999) return null;
  return `${parent?.code ?? ""}${String(next).padStart(3, "0")}`;
}

/** Serializes the creation of top-level orgs, which have no parent row to lock. */
export async function lockRootLevel(tx: Queryable) {
  await tx.query("SELECT pg_advisory_xact_lock(4242101)");
}

export async function insertOrg(
  tx: Queryable,
  org: { parent: OrgRow | null; kind: OrgKind; name: string; code: string },
): Promise<number> {
  const result = await tx.query<{ id: number }>(
    `WITH next AS (SELECT nextval(pg_get_serial_sequence('orgs', 'id')) AS id)
     INSERT INTO orgs (id, parent_id, kind, name, code, path)
     OVERRIDING SYSTEM VALUE
     SELECT next.id, $1, $2, $3, $4,
            CASE WHEN $5::ltree IS NULL THEN next.id::text::ltree
                 ELSE $5::ltree || next.id::text END
       FROM next
     RETURNING id`,
    [org.parent?.id ?? null, org.kind, org.name, org.code, org.parent?.path ?? null],
  );
  const row = result.rows[0];
  if (!row) throw new Error("INSERT … RETURNING gave no row");
  return row.id;
}

export async function updateOrgName(tx: Queryable, id: number, name: string) {
  await tx.query("UPDATE orgs SET name = $2, updated_at = now() WHERE id = $1", [id, name]);
}

/**
 * Rewrites the path and code of an org and every org below it, and the org_path of every row
 * of every scoped table below it (members, study, review, notifications, and any table a
 * module adds), in the caller's transaction. Returns how many orgs moved and rows per table.
 */
export async function rewriteSubtree(
  tx: Queryable,
  moved: OrgRow,
  newParent: OrgRow,
  newCode: string,
): Promise<{ orgs: number; rows: Record<string, number> }> {
  const orgs = await tx.query(
    `UPDATE orgs
        SET path = $2::ltree || subpath(path, nlevel($1::ltree) - 1),
            code = $3 || substr(code, $4 + 1),
            parent_id = CASE WHEN id = $5 THEN $6 ELSE parent_id END,
            updated_at = CASE WHEN id = $5 THEN now() ELSE updated_at END
      WHERE path <@ $1::ltree`,
    [moved.path, newParent.path, newCode, moved.code.length, moved.id, newParent.id],
  );
  const rows = await rewriteScopedPaths(tx, moved.path, newParent.path);
  return { orgs: orgs.rowCount ?? 0, rows };
}

/** Active children and active members directly under an org, counted live (exact). */
export async function activeDependents(
  tx: Queryable,
  id: number,
): Promise<{ children: number; members: number }> {
  const result = await tx.query<{ children: number; members: number }>(
    `SELECT (SELECT count(*)::int FROM orgs WHERE parent_id = $1 AND archived_at IS NULL) AS children,
            (SELECT count(*)::int FROM members WHERE org_id = $1 AND archived_at IS NULL) AS members`,
    [id],
  );
  return result.rows[0] ?? { children: 0, members: 0 };
}

export async function archiveOrg(tx: Queryable, id: number, reason: string) {
  await tx.query(
    "UPDATE orgs SET archived_at = now(), archive_reason = $2, updated_at = now() WHERE id = $1",
    [id, reason],
  );
}

export interface OrgHome {
  id: number;
  kind: OrgKind;
  name: string;
  code: string;
  path: string;
  archived: boolean;
  activeChildren: number;
}

/** Orgs of this set that lie in the caller's scope for `permission`, for placing members. */
export async function findOrgHomes(
  db: Queryable,
  actor: Actor,
  permission: Permission,
  ids: number[],
): Promise<Map<number, OrgHome>> {
  const params: unknown[] = [ids];
  const scope = scopeClause(actor, permission, "o.path", params);
  const result = await db.query<{
    id: number;
    kind: OrgKind;
    name: string;
    code: string;
    path: string;
    archived: boolean;
    active_children: number;
  }>(
    `SELECT o.id, o.kind, o.name, o.code, o.path::text AS path, o.archived_at IS NOT NULL AS archived,
            (SELECT count(*)::int FROM orgs c
              WHERE c.parent_id = o.id AND c.archived_at IS NULL) AS active_children
       FROM orgs o WHERE o.id = ANY($1::bigint[]) AND ${scope}`,
    params,
  );
  return new Map(
    result.rows.map((r) => [
      r.id,
      {
        id: r.id,
        kind: r.kind,
        name: r.name,
        code: r.code,
        path: r.path,
        archived: r.archived,
        activeChildren: r.active_children,
      },
    ]),
  );
}
