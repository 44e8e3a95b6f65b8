import type { Actor } from "../../platform/auth/actor.ts";
import type { Permission } from "../../platform/auth/permissions.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { scopeClause } from "../../platform/scope.ts";
import { findOrgHomes, type OrgHome } from "./orgs.repo.ts";
import type { OrgRef } from "./orgs.schemas.ts";

export type { OrgHome };

/**
 * The orgs service other modules call (they never read the orgs table): where members may be
 * placed, and org names for records the caller may already read.
 */
export function findMemberHomes(
  db: Queryable,
  actor: Actor,
  permission: Permission,
  ids: number[],
): Promise<Map<number, OrgHome>> {
  return findOrgHomes(db, actor, permission, [...new Set(ids)]);
}

/**
 * Members are attached to a 党支部 or a 党小组; a 党委 or 党总支 holds members directly only
 * while it has no sub-organizations of its own (a small 党委 that organizes its members itself).
 */
export function acceptsMembers(home: OrgHome): boolean {
  return (
    !home.archived && (home.kind === "branch" || home.kind === "group" || home.activeChildren === 0)
  );
}

/**
 * Names and codes of orgs by id, without a scope filter: only for labelling records the caller
 * may already read (a member's past orgs in their transfer history).
 */
export async function orgLabels(db: Queryable, ids: number[]): Promise<Map<number, OrgRef>> {
  if (ids.length === 0) return new Map();
  const result = await db.query<OrgRef>(
    "SELECT id, kind, name, code FROM orgs WHERE id = ANY($1::bigint[])",
    [[...new Set(ids)]],
  );
  return new Map(result.rows.map((r) => [r.id, r]));
}

/** Which members a rollup total counts: any of the status and cadre filters, or none. */
export interface CountFilter {
  status?: "full" | "probationary";
  isCadre?: boolean;
}

/** The per-org count column expression for a status/cadre combination. */
function countExpression(f: CountFilter): string {
  const all = "o.member_count";
  const p = "o.probationary_count";
  const c = "o.cadre_count";
  const pc = "o.probationary_cadre_count";
  if (f.status === undefined && f.isCadre === undefined) return all;
  if (f.isCadre === undefined) return f.status === "probationary" ? p : `${all} - ${p}`;
  if (f.status === undefined) return f.isCadre ? c : `${all} - ${c}`;
  if (f.status === "probationary") return f.isCadre ? pc : `${p} - ${pc}`;
  return f.isCadre ? `${c} - ${pc}` : `${all} - ${p} - ${c} + ${pc}`;
}

/**
 * Active members in the caller's scope (optionally under one org, by status and cadre flag),
 * from the per-org counts the members triggers keep: a sum over org rows, so a province-wide
 * total costs no member scan.
 */
export async function countScopedMembers(
  db: Queryable,
  actor: Actor,
  permission: Permission,
  underPath: string | null,
  filter: CountFilter = {},
): Promise<number> {
  const params: unknown[] = [underPath];
  const scope = scopeClause(actor, permission, "o.path", params);
  const result = await db.query<{ n: number }>(
    `SELECT coalesce(sum(${countExpression(filter)}), 0)::int AS n FROM orgs o
      WHERE ($1::ltree IS NULL OR o.path <@ $1::ltree) AND ${scope}`,
    params,
  );
  return result.rows[0]?.n ?? 0;
}

/**
 * Resolves what people type in a roster's 所在党组织 column, all keys in one query: digits are a
 * code and must match exactly; anything else is a name that must match exactly one active org
 * in the caller's orgs:read scope. Each key maps to an org id, "ambiguous" or null.
 */
export async function resolveOrgKeys(
  db: Queryable,
  actor: Actor,
  keys: string[],
): Promise<Map<string, number | "ambiguous" | null>> {
  const unique = [...new Set(keys.filter(Boolean))];
  const found = new Map<string, number | "ambiguous" | null>(unique.map((k) => [k, null]));
  if (unique.length === 0) return found;
  const params: unknown[] = [unique];
  const scope = scopeClause(actor, "orgs:read", "o.path", params);
  const result = await db.query<{ k: string; ids: number[] }>(
    `SELECT k, array_agg(o.id) AS ids
       FROM unnest($1::text[]) AS k
       JOIN orgs o ON (k ~ '^[0-9]+$' AND o.code = k) OR (k !~ '^[0-9]+$' AND o.name = k)
      WHERE o.archived_at IS NULL AND ${scope}
      GROUP BY k`,
    params,
  );
  for (const r of result.rows) found.set(r.k, r.ids.length === 1 ? Number(r.ids[0]) : "ambiguous");
  return found;
}
