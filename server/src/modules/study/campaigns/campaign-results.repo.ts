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
 * Results are counted where the rows are (ADR 0018). This reads the members table from the study
 * module: a per-branch count of a province cannot go through a list of a million member
 * references in memory, which is what the members module's functions return.
 *
 * One member's attempts at the campaign, summed up: no row when they have not started.
 */
const ATTEMPTS = `SELECT a.member_id, count(*)::int AS attempts, bool_or(a.submitted_at IS NULL) AS open,
         max(a.score) AS best_score, coalesce(bool_or(a.passed), false) AS passed,
         max(a.submitted_at) AS last_submitted_at
    FROM study_attempts a WHERE a.campaign_id = $1`;

/** A member's status from their summed-up attempts `s`; the fold counts with the same rule. */
export const MEMBER_STATUS = `CASE WHEN s.member_id IS NULL THEN 'not_started'
                WHEN s.passed THEN 'passed'
                WHEN s.best_score IS NULL OR s.open THEN 'in_progress'
                ELSE 'failed' END`;

/** The campaign's orgs the caller manages: the campaign's subtree within the caller's scope. */
function campaignOrgs(actor: Actor, params: unknown[]) {
  return `o.path <@ $2::ltree AND ${scopeClause(actor, MANAGE, "o.path", params)}`;
}

export interface StatusCounts {
  members: number;
  notStarted: number;
  inProgress: number;
  passed: number;
  failed: number;
}

/** One org's row of a campaign's results, live or folded. */
type BranchCount = StatusCounts & { orgId: number; orgName: string };

/**
 * Per-org counts of the campaign's members by status, in org code order. Only members who
 * started are read: the rest of a branch is its kept count of active members (orgs.member_count,
 * exact in the same transaction as every member change, migration 0003) less those, so a
 * province's results never scan the members who have not begun.
 */
export async function branchCounts(
  db: Queryable,
  actor: Actor,
  campaign: { id: number; orgPath: string },
): Promise<BranchCount[]> {
  const params: unknown[] = [campaign.id, campaign.orgPath];
  const result = await db.query<BranchCount>(
    `SELECT o.id AS "orgId", o.name AS "orgName", o.member_count AS members,
            o.member_count - coalesce(x.started, 0) AS "notStarted",
            coalesce(x.in_progress, 0) AS "inProgress", coalesce(x.passed, 0) AS passed,
            coalesce(x.failed, 0) AS failed
       FROM orgs o
       LEFT JOIN (
         SELECT m.org_id, count(*)::int AS started,
                count(*) FILTER (WHERE x.status = 'in_progress')::int AS in_progress,
                count(*) FILTER (WHERE x.status = 'passed')::int AS passed,
                count(*) FILTER (WHERE x.status = 'failed')::int AS failed
           FROM (SELECT s.member_id, ${MEMBER_STATUS} AS status
                   FROM (${ATTEMPTS} GROUP BY a.member_id) s) x
           JOIN members m ON m.id = x.member_id
          WHERE m.archived_at IS NULL
          GROUP BY m.org_id) x ON x.org_id = o.id
      WHERE ${campaignOrgs(actor, params)} AND o.member_count > 0
      ORDER BY o.code`,
    params,
  );
  return result.rows;
}

/**
 * The same per-org counts from the fold (ADR 0029): one row per branch, whatever the size of the
 * subtree. Started and its statuses are as of the fold; members is the live kept count, so a
 * member who joined, left or moved since shows in "not started" (never below zero) until the
 * next fold, about a minute later.
 */
export async function foldedBranchCounts(
  db: Queryable,
  actor: Actor,
  campaign: { id: number; orgPath: string },
): Promise<BranchCount[]> {
  const params: unknown[] = [campaign.id, campaign.orgPath];
  const result = await db.query<BranchCount>(
    `SELECT o.id AS "orgId", o.name AS "orgName", o.member_count AS members,
            greatest(o.member_count - coalesce(c.started, 0), 0) AS "notStarted",
            coalesce(c.in_progress, 0) AS "inProgress", coalesce(c.passed, 0) AS passed,
            coalesce(c.failed, 0) AS failed
       FROM orgs o
       LEFT JOIN campaign_result_counts c ON c.campaign_id = $1 AND c.org_id = o.id
      WHERE ${campaignOrgs(actor, params)} AND o.member_count > 0
      ORDER BY o.code`,
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
  const orgs = [campaignOrgs(actor, params), "o.member_count > 0"];
  const where = ["true"];
  if (filter.statuses) {
    params.push(filter.statuses);
    where.push(`x.status = ANY($${params.length}::text[])`);
  }
  const cursorCode = params.length + 1;
  const after = keysetAfter(RESULT_ORDER, filter.after, params);
  if (after) {
    where.push(after);
    // Implied by the keyset condition; the orgs before the cursor's are not walked at all.
    orgs.push(`o.code >= $${cursorCode}::text`);
  }
  params.push(filter.limit + 1);
  // The orgs come sorted by code from their own subquery (OFFSET 0 keeps it apart), so the
  // members are looked up org after org and the LIMIT stops the walk. Left to the planner, the
  // ltree estimate (a handful of orgs for a whole province) made it read and sort all the
  // members of the subtree for one page: 11.6 s at a million members, 0.6 s this way.
  const result = await db.query<ResultRow & { keysetCursor: unknown[] }>(
    `SELECT ${keysetSelect(RESULT_ORDER)}, x.id AS "memberId", x.name, o.id AS "orgId",
            o.name AS "orgName", x.status, coalesce(x.attempts, 0) AS attempts,
            x.best_score AS "bestScore",
            to_char(x.last_submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
              AS "submittedAt"
       FROM (SELECT o.id, o.code, o.name FROM orgs o WHERE ${orgs.join(" AND ")}
              ORDER BY o.code OFFSET 0) o
      CROSS JOIN LATERAL (
        SELECT m.id, m.name, s.attempts, s.best_score, s.last_submitted_at, ${MEMBER_STATUS} AS status
          FROM members m
          LEFT JOIN LATERAL (${ATTEMPTS} AND a.member_id = m.id GROUP BY a.member_id) s ON true
         WHERE m.org_id = o.id AND m.archived_at IS NULL) x
      WHERE ${where.join(" AND ")}
      ORDER BY ${keysetOrder(RESULT_ORDER)} LIMIT $${params.length}`,
    params,
  );
  return keysetPage(result.rows, filter.limit);
}
