import type { QueryResultRow } from "pg";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import {
  type KeyColumn,
  keysetAfter,
  keysetOrder,
  keysetPage,
  keysetSelect,
} from "../../platform/keyset.ts";
import { scopeClause } from "../../platform/scope.ts";
import { REGISTRY_OVERSEE } from "./registry.policy.ts";

/*
 * What the two kinds of registry campaign (年度承诺 attestation, 个人有关事项 declaration) ask
 * alike: each kind passes its own campaign SELECT (aliased `c`, joined to `o`) and answer table.
 */

/** The member's org and its parents, "青山市委 / 东湖县委 / …", for member `m`. */
export const ORG_TRAIL = `(SELECT string_agg(t.name, ' / ' ORDER BY nlevel(t.path)) FROM orgs t
                 WHERE t.path @> m.org_path)`;

/** Coverage lists run by org code, then name. */
export const COVERAGE_ORDER: KeyColumn[] = [
  { sql: "o.code", type: "text" },
  { sql: "m.name", type: "text" },
  { sql: "m.id", type: "int" },
];

/** A campaign in the caller's oversee scope, or, with `memberPath`, one that covers the member. */
export async function findCampaignOf<Row extends QueryResultRow>(
  db: Queryable,
  campaignSql: string,
  actor: Actor | null,
  id: number,
  memberPath?: string,
): Promise<Row | null> {
  const params: unknown[] = [id];
  const reach: string[] = [];
  if (actor) reach.push(scopeClause(actor, REGISTRY_OVERSEE, "c.org_path", params));
  if (memberPath) {
    params.push(memberPath);
    reach.push(`c.org_path @> $${params.length}::ltree`);
  }
  const where = reach.length > 0 ? `AND (${reach.join(" OR ")})` : "";
  const r = await db.query<Row>(`${campaignSql} WHERE c.id = $1 ${where}`, params);
  return r.rows[0] ?? null;
}

/** One keyset page of the campaigns in the caller's oversee scope, under `orgPath` if given. */
export async function listCampaignsOf<Row extends QueryResultRow>(
  db: Queryable,
  campaignSql: string,
  order: KeyColumn[],
  actor: Actor,
  f: { orgPath?: string; after?: string; limit: number },
) {
  const params: unknown[] = [];
  const where = [scopeClause(actor, REGISTRY_OVERSEE, "c.org_path", params)];
  if (f.orgPath) {
    params.push(f.orgPath);
    where.push(`c.org_path <@ $${params.length}::ltree`);
  }
  const after = keysetAfter(order, f.after, params);
  if (after) where.push(after);
  params.push(f.limit + 1);
  const r = await db.query<Row & { keysetCursor: unknown[] }>(
    `${campaignSql.replace("SELECT ", `SELECT ${keysetSelect(order)}, `)}
      WHERE ${where.join(" AND ")} ORDER BY ${keysetOrder(order)}
      LIMIT $${params.length}`,
    params,
  );
  return keysetPage(r.rows, f.limit);
}

/** The ids of the campaign's active cadres with no row yet in `answers` (who to remind). */
export async function cadresWithout(
  db: Queryable,
  answers: "registry_attestations" | "registry_declarations",
  c: { id: number; orgPath: string },
) {
  const r = await db.query<{ id: string }>(
    `SELECT m.id FROM members m
      WHERE m.org_path <@ $2::ltree AND m.is_cadre AND m.archived_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM ${answers} a WHERE a.campaign_id = $1 AND a.member_id = m.id)
      ORDER BY m.id`,
    [c.id, c.orgPath],
  );
  return r.rows.map((row) => Number(row.id));
}
