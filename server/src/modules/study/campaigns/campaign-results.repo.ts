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
import { MANAGE } from "../study.policy.ts";
import type { ResultRow } from "./campaigns.schemas.ts";

/**
 * Results are counted where the rows are (ADR 0018): each active member of the campaign's
 * subtree joined to their attempts' summary, with a status per member. This reads the members
 * table from the study module: a per-branch count of a province cannot go through a list of a
 * million member references in memory, which is what the members module's functions return.
 */
function memberStatus(actor: Actor, params: unknown[]) {
  const scope = scopeClause(actor, MANAGE, "m.org_path", params);
  return `
    SELECT m.id, m.name, m.org_id, s.attempts, s.best_score, s.last_submitted_at,
           CASE WHEN s.member_id IS NULL THEN 'not_started'
                WHEN s.passed THEN 'passed'
                WHEN s.best_score IS NULL OR s.open THEN 'in_progress'
                ELSE 'failed' END AS status
      FROM members m
      LEFT JOIN (SELECT a.member_id, count(*)::int AS attempts, bool_or(a.submitted_at IS NULL) AS open,
                        max(a.score) AS best_score, coalesce(bool_or(a.passed), false) AS passed,
                        max(a.submitted_at) AS last_submitted_at
                   FROM study_attempts a WHERE a.campaign_id = $1 GROUP BY a.member_id) s
        ON s.member_id = m.id
     WHERE m.org_path <@ $2::ltree AND m.archived_at IS NULL AND ${scope}`;
}

export interface StatusCounts {
  members: number;
  notStarted: number;
  inProgress: number;
  passed: number;
  failed: number;
}

const COUNTS = `count(*)::int AS members,
  count(*) FILTER (WHERE x.status = 'not_started')::int AS "notStarted",
  count(*) FILTER (WHERE x.status = 'in_progress')::int AS "inProgress",
  count(*) FILTER (WHERE x.status = 'passed')::int AS passed,
  count(*) FILTER (WHERE x.status = 'failed')::int AS failed`;

/** Per-org counts of the campaign's members by status, in org code order; one GROUP BY. */
export async function branchCounts(
  db: Queryable,
  actor: Actor,
  campaign: { id: number; orgPath: string },
): Promise<(StatusCounts & { orgId: number; orgName: string })[]> {
  const params: unknown[] = [campaign.id, campaign.orgPath];
  const result = await db.query<StatusCounts & { orgId: number; orgName: string }>(
    `SELECT o.id AS "orgId", o.name AS "orgName", ${COUNTS}
       FROM (${memberStatus(actor, params)}) x JOIN orgs o ON o.id = x.org_id
      GROUP BY o.id ORDER BY o.code`,
    params,
  );
  return result.rows;
}

const RESULT_ORDER: KeyColumn[] = [
  { sql: "o.code", type: "text" },
  { sql: "x.name", type: "text" },
  { sql: "x.id", type: "int" },
];

/** The campaign's members with their status, by org and name, a keyset page at a time. */
export async function resultRows(
  db: Queryable,
  actor: Actor,
  campaign: { id: number; orgPath: string },
  filter: { statuses?: ResultRow["status"][]; after?: string; limit: number },
): Promise<{ items: ResultRow[]; nextCursor: string | null }> {
  const params: unknown[] = [campaign.id, campaign.orgPath];
  const inner = memberStatus(actor, params);
  const where = ["true"];
  if (filter.statuses) {
    params.push(filter.statuses);
    where.push(`x.status = ANY($${params.length}::text[])`);
  }
  const after = keysetAfter(RESULT_ORDER, filter.after, params);
  if (after) where.push(after);
  params.push(filter.limit + 1);
  const result = await db.query<ResultRow & { keysetCursor: unknown[] }>(
    `SELECT ${keysetSelect(RESULT_ORDER)}, x.id AS "memberId", x.name, o.id AS "orgId",
            o.name AS "orgName", x.status, coalesce(x.attempts, 0) AS attempts,
            x.best_score AS "bestScore",
            to_char(x.last_submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
              AS "submittedAt"
       FROM (${inner}) x JOIN orgs o ON o.id = x.org_id
      WHERE ${where.join(" AND ")}
      ORDER BY ${keysetOrder(RESULT_ORDER)} LIMIT $${params.length}`,
    params,
  );
  return keysetPage(result.rows, filter.limit);
}
