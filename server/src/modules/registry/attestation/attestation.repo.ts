import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import {
  type KeyColumn,
  keysetAfter,
  keysetOrder,
  keysetPage,
  keysetSelect,
} from "../../../platform/keyset.ts";
import {
  COVERAGE_ORDER,
  cadresWithout,
  findCampaignOf,
  listCampaignsOf,
  ORG_TRAIL,
} from "../campaign-queries.ts";
import type { Campaign, CoverageQuery } from "./attestation.schemas.ts";

// Who a campaign asks: the active cadres of its org and below, as they are today.
const CADRES_OF = (c: string) =>
  `members m WHERE m.org_path <@ ${c}.org_path AND m.is_cadre AND m.archived_at IS NULL`;

const CAMPAIGN = `SELECT c.id, c.org_id AS "orgId", o.name AS "orgName", c.year, c.title,
    to_char(c.due_on, 'YYYY-MM-DD') AS "dueOn", c.due_on < cn_today() AS overdue,
    (SELECT count(*)::int FROM ${CADRES_OF("c")}) AS cadres,
    (SELECT count(*)::int FROM registry_attestations s JOIN members m ON m.id = s.member_id
      WHERE s.campaign_id = c.id AND m.is_cadre AND m.archived_at IS NULL
        AND m.org_path <@ c.org_path) AS signed,
    c.org_path::text AS "orgPath"
  FROM registry_attestation_campaigns c JOIN orgs o ON o.id = c.org_id`;

export type CampaignRow = Campaign & { orgPath: string };

export async function insertCampaign(
  tx: Queryable,
  c: { orgId: number; orgPath: string; year: number; title: string; dueOn: string; by: number },
): Promise<number | null> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO registry_attestation_campaigns (org_id, org_path, year, title, due_on, created_by)
     VALUES ($1, $2::ltree, $3, $4, $5, $6) ON CONFLICT (org_id, year) DO NOTHING RETURNING id`,
    [c.orgId, c.orgPath, c.year, c.title, c.dueOn, c.by],
  );
  return r.rows[0] ? Number(r.rows[0].id) : null;
}

/** A campaign in the caller's oversee scope, or, with `memberPath`, one that covers the member. */
export const findCampaign = (db: Queryable, actor: Actor | null, id: number, memberPath?: string) =>
  findCampaignOf<CampaignRow>(db, CAMPAIGN, actor, id, memberPath);

const CAMPAIGN_ORDER: KeyColumn[] = [
  { sql: "c.year", type: "int", desc: true },
  { sql: "c.id", type: "int", desc: true },
];

export const listCampaigns = (
  db: Queryable,
  actor: Actor,
  f: { orgPath?: string; after?: string; limit: number },
) => listCampaignsOf<CampaignRow>(db, CAMPAIGN, CAMPAIGN_ORDER, actor, f);

/** The campaign's cadres with whether and when each signed. */
export async function coverage(
  db: Queryable,
  campaign: { id: number; orgPath: string },
  q: CoverageQuery,
) {
  const params: unknown[] = [campaign.id, campaign.orgPath];
  const where = ["m.org_path <@ $2::ltree", "m.is_cadre", "m.archived_at IS NULL"];
  if (q.status === "signed") where.push("s.id IS NOT NULL");
  if (q.status === "unsigned") where.push("s.id IS NULL");
  const after = keysetAfter(COVERAGE_ORDER, q.after, params);
  if (after) where.push(after);
  params.push(q.limit + 1);
  const r = await db.query<{
    memberId: number;
    name: string;
    position: string | null;
    orgTrail: string;
    accounts: number;
    signedAt: string | null;
    keysetCursor: unknown[];
  }>(
    `SELECT ${keysetSelect(COVERAGE_ORDER)}, m.id AS "memberId", m.name, m.position,
            ${ORG_TRAIL} AS "orgTrail",
            (SELECT count(*)::int FROM registry_accounts a WHERE a.member_id = m.id) AS accounts,
            to_char(s.signed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS "signedAt"
       FROM members m JOIN orgs o ON o.id = m.org_id
       LEFT JOIN registry_attestations s ON s.campaign_id = $1 AND s.member_id = m.id
      WHERE ${where.join(" AND ")} ORDER BY ${keysetOrder(COVERAGE_ORDER)}
      LIMIT $${params.length}`,
    params,
  );
  return keysetPage(r.rows, q.limit);
}

/** The member ids a campaign still waits for. */
export const unsignedCadres = (db: Queryable, c: { id: number; orgPath: string }) =>
  cadresWithout(db, "registry_attestations", c);

/** Campaigns covering the member's org, newest first, with their own signature if any. */
export async function campaignsOfMember(db: Queryable, memberId: number, memberPath: string) {
  const r = await db.query<CampaignRow & { signedAt: string | null; statement: string | null }>(
    `SELECT x.*, to_char(s.signed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')
              AS "signedAt", s.statement
       FROM (${CAMPAIGN} WHERE c.org_path @> $2::ltree) x
       LEFT JOIN registry_attestations s ON s.campaign_id = x.id AND s.member_id = $1
      ORDER BY x.year DESC, x.id DESC`,
    [memberId, memberPath],
  );
  return r.rows;
}

/** Records the signature; null when this cadre had already signed this campaign. */
export async function insertAttestation(
  tx: Queryable,
  a: {
    campaignId: number;
    memberId: number;
    userId: number;
    confirmed: { id: number; version: number }[];
    statement: string;
  },
): Promise<number | null> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO registry_attestations (campaign_id, member_id, signed_by, confirmed, statement)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (campaign_id, member_id) DO NOTHING RETURNING id`,
    [a.campaignId, a.memberId, a.userId, JSON.stringify(a.confirmed), a.statement],
  );
  return r.rows[0] ? Number(r.rows[0].id) : null;
}
