import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import {
  type KeyColumn,
  keysetAfter,
  keysetOrder,
  keysetPage,
  keysetSelect,
} from "../../../platform/keyset.ts";
import { scopeClause } from "../../../platform/scope.ts";
import {
  COVERAGE_ORDER,
  cadresWithout,
  findCampaignOf,
  listCampaignsOf,
  ORG_TRAIL,
} from "../campaign-queries.ts";
import { REGISTRY_OVERSEE } from "../registry.policy.ts";
import type {
  CoverageQuery,
  DeclarationCampaign,
  DeclareBody,
  Finding,
  OpenDeclarationCampaignBody,
} from "./declarations.schemas.ts";

const CAMPAIGN = `SELECT c.id, c.org_id AS "orgId", o.name AS "orgName", c.kind, c.title,
    to_char(c.period_from, 'YYYY-MM-DD') AS "periodFrom",
    to_char(c.period_to, 'YYYY-MM-DD') AS "periodTo",
    to_char(c.due_on, 'YYYY-MM-DD') AS "dueOn", c.due_on < cn_today() AS overdue,
    (SELECT count(*)::int FROM members m WHERE m.org_path <@ c.org_path AND m.is_cadre
        AND m.archived_at IS NULL) AS cadres,
    (SELECT count(*)::int FROM registry_declarations d JOIN members m ON m.id = d.member_id
      WHERE d.campaign_id = c.id AND m.org_path <@ c.org_path AND m.is_cadre
        AND m.archived_at IS NULL) AS declared,
    c.org_path::text AS "orgPath"
  FROM registry_declaration_campaigns c JOIN orgs o ON o.id = c.org_id`;

export type CampaignRow = DeclarationCampaign & { orgPath: string };

export async function insertCampaign(
  tx: Queryable,
  c: OpenDeclarationCampaignBody & { orgPath: string; by: number },
): Promise<number> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO registry_declaration_campaigns (org_id, org_path, kind, title, period_from,
       period_to, due_on, created_by)
     VALUES ($1, $2::ltree, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [c.orgId, c.orgPath, c.kind, c.title, c.periodFrom, c.periodTo, c.dueOn, c.by],
  );
  return Number(r.rows[0]?.id);
}

/** A campaign in the caller's oversee scope, or (with `memberPath`) one covering the member. */
export const findCampaign = (db: Queryable, actor: Actor | null, id: number, memberPath?: string) =>
  findCampaignOf<CampaignRow>(db, CAMPAIGN, actor, id, memberPath);

const CAMPAIGN_ORDER: KeyColumn[] = [
  { sql: "c.due_on", type: "date", desc: true },
  { sql: "c.id", type: "int", desc: true },
];

export const listCampaigns = (
  db: Queryable,
  actor: Actor,
  f: { orgPath?: string; after?: string; limit: number },
) => listCampaignsOf<CampaignRow>(db, CAMPAIGN, CAMPAIGN_ORDER, actor, f);

/** Cadres the campaign still waits for. */
export const undeclaredCadres = (db: Queryable, c: { id: number; orgPath: string }) =>
  cadresWithout(db, "registry_declarations", c);

export async function coverage(
  db: Queryable,
  c: { id: number; orgPath: string },
  q: CoverageQuery,
) {
  const params: unknown[] = [c.id, c.orgPath];
  const where = ["m.org_path <@ $2::ltree", "m.is_cadre", "m.archived_at IS NULL"];
  if (q.status === "declared") where.push("d.id IS NOT NULL");
  if (q.status === "undeclared") where.push("d.id IS NULL");
  if (q.status === "with_items") {
    where.push("(jsonb_array_length(v.assets) > 0 OR jsonb_array_length(v.activities) > 0)");
  }
  if (q.status === "with_findings") where.push("f.n > 0");
  const after = keysetAfter(COVERAGE_ORDER, q.after, params);
  if (after) where.push(after);
  params.push(q.limit + 1);
  const r = await db.query<{
    memberId: number;
    name: string;
    position: string | null;
    orgTrail: string;
    declarationId: number | null;
    version: number | null;
    declaredAt: string | null;
    assets: number;
    activities: number;
    findings: number;
    keysetCursor: unknown[];
  }>(
    `SELECT ${keysetSelect(COVERAGE_ORDER)}, m.id AS "memberId", m.name, m.position,
            ${ORG_TRAIL} AS "orgTrail", d.id AS "declarationId", v.version,
            to_char(v.recorded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS "declaredAt",
            coalesce(jsonb_array_length(v.assets), 0) AS assets,
            coalesce(jsonb_array_length(v.activities), 0) AS activities,
            coalesce(f.n, 0) AS findings
       FROM members m JOIN orgs o ON o.id = m.org_id
       LEFT JOIN registry_declarations d ON d.campaign_id = $1 AND d.member_id = m.id
       LEFT JOIN LATERAL (SELECT * FROM registry_declaration_versions x
                           WHERE x.declaration_id = d.id ORDER BY x.version DESC LIMIT 1) v ON true
       LEFT JOIN LATERAL (SELECT count(*)::int AS n FROM registry_declaration_findings y
                           WHERE y.declaration_id = d.id) f ON true
      WHERE ${where.join(" AND ")} ORDER BY ${keysetOrder(COVERAGE_ORDER)}
      LIMIT $${params.length}`,
    params,
  );
  return keysetPage(r.rows, q.limit);
}

/** The member's declaration of a campaign, created on first use and locked for the new version. */
export async function declarationFor(tx: Queryable, campaignId: number, memberId: number) {
  await tx.query(
    `INSERT INTO registry_declarations (campaign_id, member_id) VALUES ($1, $2)
     ON CONFLICT (campaign_id, member_id) DO NOTHING`,
    [campaignId, memberId],
  );
  const r = await tx.query<{ id: string }>(
    `SELECT id FROM registry_declarations WHERE campaign_id = $1 AND member_id = $2 FOR UPDATE`,
    [campaignId, memberId],
  );
  return Number(r.rows[0]?.id);
}

export async function appendDeclarationVersion(
  tx: Queryable,
  declarationId: number,
  body: DeclareBody,
  userId: number,
): Promise<number> {
  const r = await tx.query<{ version: number }>(
    `INSERT INTO registry_declaration_versions (declaration_id, version, assets, activities, note,
       change_note, recorded_by)
     SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6
       FROM registry_declaration_versions WHERE declaration_id = $1
     RETURNING version`,
    [
      declarationId,
      JSON.stringify(body.assets),
      JSON.stringify(body.activities),
      body.note ?? null,
      body.changeNote ?? null,
      userId,
    ],
  );
  return Number(r.rows[0]?.version);
}

/** A declaration the caller reaches: their own, or one of their oversee scope. */
export async function findDeclaration(db: Queryable, actor: Actor, id: number) {
  const params: unknown[] = [id, actor.memberId];
  const scope = scopeClause(actor, REGISTRY_OVERSEE, "m.org_path", params);
  const r = await db.query<{
    id: number;
    campaignId: number;
    member: { id: number; name: string; position: string | null };
    orgTrail: string;
    orgPath: string;
    oversee: boolean;
  }>(
    `SELECT d.id, d.campaign_id AS "campaignId",
            json_build_object('id', m.id, 'name', m.name, 'position', m.position) AS member,
            ${ORG_TRAIL} AS "orgTrail", m.org_path::text AS "orgPath", ${scope} AS oversee
       FROM registry_declarations d JOIN members m ON m.id = d.member_id
      WHERE d.id = $1 AND (m.id = $2 OR ${scope})`,
    params,
  );
  return r.rows[0] ?? null;
}

export async function declarationVersions(db: Queryable, id: number) {
  const r = await db.query<{ json: unknown }>(
    `SELECT json_build_object('version', v.version, 'assets', v.assets,
              'activities', v.activities, 'note', v.note, 'changeNote', v.change_note,
              'recordedBy', u.display_name,
              'recordedAt', to_char(v.recorded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'))
              AS json
       FROM registry_declaration_versions v JOIN users u ON u.id = v.recorded_by
      WHERE v.declaration_id = $1 ORDER BY v.version DESC`,
    [id],
  );
  return r.rows.map((row) => row.json);
}

export async function findingsOf(db: Queryable, declarationId: number): Promise<Finding[]> {
  const r = await db.query<Finding>(
    `SELECT f.id, f.version, f.finding, f.refer_to_case AS "referToCase",
            u.display_name AS "recordedBy",
            to_char(f.recorded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS "recordedAt"
       FROM registry_declaration_findings f JOIN users u ON u.id = f.recorded_by
      WHERE f.declaration_id = $1 ORDER BY f.id`,
    [declarationId],
  );
  return r.rows;
}

export async function insertFinding(
  tx: Queryable,
  f: { declarationId: number; finding: string; referToCase: boolean; by: number },
): Promise<{ id: number; version: number }> {
  const r = await tx.query<{ id: string; version: number }>(
    `INSERT INTO registry_declaration_findings (declaration_id, version, finding, refer_to_case,
       recorded_by)
     SELECT $1, max(version), $2, $3, $4 FROM registry_declaration_versions
      WHERE declaration_id = $1
     RETURNING id, version`,
    [f.declarationId, f.finding, f.referToCase, f.by],
  );
  return { id: Number(r.rows[0]?.id), version: Number(r.rows[0]?.version) };
}

/** The cadre's campaigns, newest deadline first, with their own declaration if any. */
export async function campaignsOfMember(db: Queryable, memberId: number, memberPath: string) {
  const r = await db.query<
    CampaignRow & {
      declarationId: number | null;
      version: number | null;
      declaredAt: string | null;
    }
  >(
    `SELECT x.*, d.id AS "declarationId",
            (SELECT max(version) FROM registry_declaration_versions v
              WHERE v.declaration_id = d.id) AS version,
            to_char(d.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS "declaredAt"
       FROM (${CAMPAIGN} WHERE c.org_path @> $2::ltree) x
       LEFT JOIN registry_declarations d ON d.campaign_id = x.id AND d.member_id = $1
      ORDER BY x."dueOn" DESC, x.id DESC`,
    [memberId, memberPath],
  );
  return r.rows;
}

/** The declaration a finding marked for a case belongs to; null for any other finding. */
export async function declarationOfCaseFinding(db: Queryable, findingId: number) {
  const r = await db.query<{ id: string }>(
    "SELECT declaration_id AS id FROM registry_declaration_findings WHERE id = $1 AND refer_to_case",
    [findingId],
  );
  return r.rows[0] ? Number(r.rows[0].id) : null;
}
