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
import type { Material } from "../materials/materials.schemas.ts";
import { MANAGE } from "../study.policy.ts";
import type { CampaignInput, PaperRule } from "./campaigns.schemas.ts";

export interface CampaignRow {
  id: number;
  orgId: number;
  orgPath: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  status: "draft" | "published" | "closed" | "withdrawn";
  materialIds: number[];
  passMark: number;
  timeLimitMinutes: number;
  maxAttempts: number;
  rules: PaperRule[];
  withdrawnAt: string | null;
  withdrawReason: string | null;
}

const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

const SELECT = `SELECT c.id, c.org_id AS "orgId", c.org_path::text AS "orgPath", c.title,
  c.description, ${ISO("c.starts_at")} AS "startsAt", ${ISO("c.ends_at")} AS "endsAt", c.status,
  c.material_ids::int[] AS "materialIds", c.pass_mark AS "passMark",
  c.time_limit_minutes AS "timeLimitMinutes", c.max_attempts AS "maxAttempts", c.rules,
  ${ISO("c.withdrawn_at")} AS "withdrawnAt", c.withdraw_reason AS "withdrawReason"
  FROM study_campaigns c`;

export async function insertCampaign(
  tx: Queryable,
  userId: number | null,
  orgPath: string,
  c: CampaignInput,
): Promise<number> {
  const rows = await tx.query<{ id: number }>(
    `INSERT INTO study_campaigns (org_id, org_path, title, description, starts_at, ends_at,
       material_ids, pass_mark, time_limit_minutes, max_attempts, rules, created_by)
     VALUES ($1, $2::ltree, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      c.orgId,
      orgPath,
      c.title,
      c.description,
      c.startsAt,
      c.endsAt,
      c.materialIds,
      c.passMark,
      c.timeLimitMinutes,
      c.maxAttempts,
      JSON.stringify(c.rules),
      userId,
    ],
  );
  return Number(rows.rows[0]?.id);
}

/** Replaces a draft's settings; the caller has locked the row and checked it is a draft. */
export async function updateCampaign(tx: Queryable, id: number, orgPath: string, c: CampaignInput) {
  await tx.query(
    `UPDATE study_campaigns SET org_id = $2, org_path = $3::ltree, title = $4, description = $5,
        starts_at = $6, ends_at = $7, material_ids = $8, pass_mark = $9,
        time_limit_minutes = $10, max_attempts = $11, rules = $12
      WHERE id = $1 AND status = 'draft'`,
    [
      id,
      c.orgId,
      orgPath,
      c.title,
      c.description,
      c.startsAt,
      c.endsAt,
      c.materialIds,
      c.passMark,
      c.timeLimitMinutes,
      c.maxAttempts,
      JSON.stringify(c.rules),
    ],
  );
}

export async function publishCampaign(tx: Queryable, id: number) {
  await tx.query(
    "UPDATE study_campaigns SET status = 'published', published_at = now() WHERE id = $1",
    [id],
  );
}

export async function withdrawCampaign(
  tx: Queryable,
  id: number,
  userId: number | null,
  reason: string,
) {
  await tx.query(
    `UPDATE study_campaigns SET status = 'withdrawn', withdrawn_at = now(), withdrawn_by = $2,
        withdraw_reason = $3
      WHERE id = $1 AND status = 'published'`,
    [id, userId, reason],
  );
}

const CAMPAIGN_ORDER: KeyColumn[] = [
  { sql: "c.starts_at", type: "timestamptz", desc: true },
  { sql: "c.id", type: "int", desc: true },
];

/** Campaigns the caller manages, latest start first, a keyset page at a time. */
export async function listCampaigns(
  db: Queryable,
  actor: Actor,
  filter: { running?: boolean; after?: string; limit: number },
): Promise<{ items: CampaignRow[]; nextCursor: string | null }> {
  const params: unknown[] = [];
  const where = [scopeClause(actor, MANAGE, "c.org_path", params)];
  if (filter.running) {
    where.push("c.status = 'published' AND c.starts_at <= now() AND c.ends_at >= now()");
  }
  const after = keysetAfter(CAMPAIGN_ORDER, filter.after, params);
  if (after) where.push(after);
  params.push(filter.limit + 1);
  const rows = await db.query<CampaignRow & { keysetCursor: unknown[] }>(
    `${SELECT.replace("SELECT ", `SELECT ${keysetSelect(CAMPAIGN_ORDER)}, `)}
      WHERE ${where.join(" AND ")}
      ORDER BY ${keysetOrder(CAMPAIGN_ORDER)} LIMIT $${params.length}`,
    params,
  );
  return keysetPage(rows.rows, filter.limit);
}

export async function findCampaign(
  db: Queryable,
  actor: Actor,
  id: number,
  lock = false,
): Promise<CampaignRow | null> {
  const params: unknown[] = [id];
  const scope = scopeClause(actor, MANAGE, "c.org_path", params);
  const rows = await db.query<CampaignRow>(
    `${SELECT} WHERE c.id = $1 AND ${scope}${lock ? " FOR UPDATE" : ""}`,
    params,
  );
  return rows.rows[0] ?? null;
}

/**
 * Published campaigns whose org subtree holds the member's org: the member's own scope. A
 * withdrawn one has left their list.
 */
export async function campaignsReaching(
  db: Queryable,
  memberOrgPath: string,
): Promise<CampaignRow[]> {
  const rows = await db.query<CampaignRow>(
    `${SELECT} WHERE c.status IN ('published', 'closed') AND c.org_path @> $1::ltree
      ORDER BY c.ends_at, c.id`,
    [memberOrgPath],
  );
  return rows.rows;
}

export async function campaignReaching(
  db: Queryable,
  id: number,
  memberOrgPath: string,
): Promise<CampaignRow | null> {
  const rows = await db.query<CampaignRow>(
    `${SELECT} WHERE c.id = $1 AND c.status IN ('published', 'closed') AND c.org_path @> $2::ltree`,
    [id, memberOrgPath],
  );
  return rows.rows[0] ?? null;
}

const MATERIAL = `SELECT m.id, m.org_id AS "orgId", m.kind, m.title, m.url, m.file_name AS "fileName",
  m.file_size AS "fileSize", m.article_ids::int[] AS "articleIds" FROM study_materials m`;

export async function insertMaterial(
  tx: Queryable,
  userId: number | null,
  m: {
    orgId: number;
    orgPath: string;
    kind: "article" | "file" | "link";
    title: string;
    url?: string | null;
    file?: { sha256: string; name: string; mime: string; size: number } | null;
    articleIds: number[];
  },
): Promise<number> {
  const rows = await tx.query<{ id: number }>(
    `INSERT INTO study_materials (org_id, org_path, kind, title, url, file_sha256, file_name,
       file_mime, file_size, article_ids, created_by)
     VALUES ($1, $2::ltree, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      m.orgId,
      m.orgPath,
      m.kind,
      m.title,
      m.url ?? null,
      m.file?.sha256 ?? null,
      m.file?.name ?? null,
      m.file?.mime ?? null,
      m.file?.size ?? null,
      m.articleIds,
      userId,
    ],
  );
  return Number(rows.rows[0]?.id);
}

const MATERIAL_ORDER: KeyColumn[] = [{ sql: "m.id", type: "int", desc: true }];

/**
 * Materials of the subtrees the caller manages, newest first, a keyset page at a time;
 * `q` narrows by title (a picker's search) and `ids` to the named ones (a campaign's own).
 */
export async function listMaterials(
  db: Queryable,
  actor: Actor,
  filter: { after?: string; limit: number; q?: string; ids?: number[] },
): Promise<{ items: Material[]; nextCursor: string | null }> {
  const params: unknown[] = [];
  const where = [scopeClause(actor, MANAGE, "m.org_path", params)];
  if (filter.q) {
    params.push(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`m.title ILIKE $${params.length}`);
  }
  if (filter.ids) {
    params.push(filter.ids);
    where.push(`m.id = ANY($${params.length}::bigint[])`);
  }
  const after = keysetAfter(MATERIAL_ORDER, filter.after, params);
  if (after) where.push(after);
  params.push(filter.limit + 1);
  const rows = await db.query<Material & { keysetCursor: unknown[] }>(
    `${MATERIAL.replace("SELECT ", `SELECT ${keysetSelect(MATERIAL_ORDER)}, `)}
      WHERE ${where.join(" AND ")}
      ORDER BY ${keysetOrder(MATERIAL_ORDER)} LIMIT $${params.length}`,
    params,
  );
  return keysetPage(rows.rows, filter.limit);
}

/** Materials an org's campaign may require: its own and those of the orgs above it. */
export async function materialsUsableAt(db: Queryable, orgPath: string, ids: number[]) {
  const rows = await db.query<Material>(
    `${MATERIAL} WHERE m.id = ANY($1::bigint[]) AND m.org_path @> $2::ltree`,
    [ids, orgPath],
  );
  return rows.rows;
}

export async function materialsByIds(db: Queryable, ids: number[]): Promise<Material[]> {
  const rows = await db.query<Material>(`${MATERIAL} WHERE m.id = ANY($1::bigint[])`, [ids]);
  return rows.rows;
}

export async function materialFile(db: Queryable, id: number) {
  const rows = await db.query<{
    org_path: string;
    file_sha256: string | null;
    file_name: string | null;
    file_mime: string | null;
  }>(
    "SELECT org_path::text, file_sha256, file_name, file_mime FROM study_materials WHERE id = $1",
    [id],
  );
  return rows.rows[0] ?? null;
}

export async function markMaterialRead(
  tx: Queryable,
  campaignId: number,
  memberId: number,
  materialId: number,
) {
  const rows = await tx.query(
    `INSERT INTO study_material_reads (campaign_id, member_id, material_id) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING`,
    [campaignId, memberId, materialId],
  );
  return (rows.rowCount ?? 0) > 0;
}

export async function materialsRead(db: Queryable, memberId: number, campaignIds: number[]) {
  const rows = await db.query<{ campaign_id: number; material_id: number }>(
    `SELECT campaign_id, material_id FROM study_material_reads
      WHERE member_id = $1 AND campaign_id = ANY($2::bigint[])`,
    [memberId, campaignIds],
  );
  return new Set(rows.rows.map((r) => `${r.campaign_id}:${r.material_id}`));
}

/** A campaign by id without a scope: only for jobs the system runs on a campaign's behalf. */
export async function campaignForJob(db: Queryable, id: number): Promise<CampaignRow | null> {
  const rows = await db.query<CampaignRow>(`${SELECT} WHERE c.id = $1`, [id]);
  return rows.rows[0] ?? null;
}
