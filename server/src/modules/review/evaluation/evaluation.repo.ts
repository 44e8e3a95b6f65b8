import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import {
  type KeyColumn,
  keysetAfter,
  keysetOrder,
  keysetPage,
  keysetSelect,
} from "../../../platform/keyset.ts";
import type { MemberFacts } from "../../members/member-directory.ts";
import { reachClause, reachColumns, readScope } from "../review.policy.ts";
import type { Grade } from "../review.schemas.ts";
import type { RoundSummary, Tally } from "./evaluation.schemas.ts";

export interface RoundRow {
  id: number;
  orgId: number;
  orgPath: string;
  orgName: string;
  year: number;
  status: "open" | "closed";
  /** 'plain' for rounds opened before encrypted ballots (ADR 0015). */
  scheme: "plain" | "encrypted";
  jointKey: string | null;
  /** The trustees have turned the encrypted tallies into counts. */
  counted: boolean;
  summaryDue: string | null;
  voteDue: string | null;
  decideDue: string | null;
  /** The date in China when the row was read: phases turn over at midnight in Beijing. */
  today: string;
}

const COLUMNS = `r.id, r.org_id AS "orgId", r.org_path::text AS "orgPath", r.org_name AS "orgName",
  r.year, r.status, r.scheme, r.joint_key AS "jointKey", r.counted_at IS NOT NULL AS counted,
  to_char(r.summary_due, 'YYYY-MM-DD') AS "summaryDue", to_char(r.vote_due, 'YYYY-MM-DD') AS "voteDue",
  to_char(r.decide_due, 'YYYY-MM-DD') AS "decideDue", to_char(cn_today(), 'YYYY-MM-DD') AS today`;

export async function insertRound(
  tx: Queryable,
  r: Pick<RoundRow, "orgId" | "orgPath" | "orgName" | "year"> & {
    summaryDue?: string;
    voteDue?: string;
    decideDue?: string;
  },
  people: MemberFacts[],
  userId: number,
): Promise<number | null> {
  const inserted = await tx.query<{ id: number }>(
    `INSERT INTO evaluation_rounds (org_id, org_path, org_name, year, created_by,
                                    summary_due, vote_due, decide_due)
     VALUES ($1, $2::ltree, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (org_id, year) DO NOTHING RETURNING id`,
    [
      r.orgId,
      r.orgPath,
      r.orgName,
      r.year,
      userId,
      r.summaryDue ?? null,
      r.voteDue ?? null,
      r.decideDue ?? null,
    ],
  );
  const id = inserted.rows[0]?.id;
  if (id === undefined) return null;
  await tx.query(
    `INSERT INTO evaluation_subjects (round_id, member_id, member_name, may_vote)
     SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::boolean[])`,
    [
      id,
      people.map((p) => p.id),
      people.map((p) => p.name),
      people.map((p) => p.status === "full"),
    ],
  );
  return Number(id);
}

export interface ReachedRound extends RoundRow {
  manage: boolean;
  oversee: boolean;
}

/**
 * A round the caller reaches: in `scope` (manage, or manage or oversee), or, with `evaluated`,
 * one that evaluates the caller. `share` holds it against a concurrent close while a vote is
 * written, `update` takes it for the close itself.
 */
export async function findRound(
  db: Queryable,
  actor: Actor,
  id: number,
  reach: { scope: "manage" | "read" | null; evaluated: boolean },
  lock: "" | "share" | "update" = "",
): Promise<ReachedRound | null> {
  const params: unknown[] = [id];
  const flags = reachColumns(actor, "r.org_path", params);
  const where = reachClause(
    actor,
    reach.scope,
    "r.org_path",
    params,
    reach.evaluated
      ? (m) =>
          `EXISTS (SELECT 1 FROM evaluation_subjects s WHERE s.round_id = r.id AND s.member_id = ${m})`
      : undefined,
  );
  const suffix = lock === "share" ? " FOR SHARE OF r" : lock === "update" ? " FOR UPDATE OF r" : "";
  const result = await db.query<ReachedRound>(
    `SELECT ${COLUMNS}, ${flags} FROM evaluation_rounds r WHERE r.id = $1 AND ${where}${suffix}`,
    params,
  );
  return result.rows[0] ?? null;
}

const ROUND_ORDER: KeyColumn[] = [
  { sql: "r.year", type: "int", desc: true },
  { sql: "r.org_name", type: "text" },
  { sql: "r.id", type: "int" },
];

/** Newest year first, a keyset page at a time. */
export async function listRounds(
  db: Queryable,
  actor: Actor,
  filter: { orgPath?: string; year?: number; memberId?: number; after?: string; limit: number },
): Promise<{ items: RoundSummary[]; nextCursor: string | null }> {
  const params: unknown[] = [];
  const visible = [readScope(actor, "r.org_path", params)];
  if (filter.memberId !== undefined) {
    params.push(filter.memberId);
    visible.push(
      `EXISTS (SELECT 1 FROM evaluation_subjects s WHERE s.round_id = r.id AND s.member_id = $${params.length})`,
    );
  }
  const where = [`(${visible.join(" OR ")})`];
  if (filter.orgPath) {
    params.push(filter.orgPath);
    where.push(`r.org_path <@ $${params.length}::ltree`);
  }
  if (filter.year) {
    params.push(filter.year);
    where.push(`r.year = $${params.length}`);
  }
  const after = keysetAfter(ROUND_ORDER, filter.after, params);
  if (after) where.push(after);
  params.push(filter.limit + 1);
  const result = await db.query<
    RoundSummary & { orgId: number; orgName: string; keysetCursor: unknown[] }
  >(
    `SELECT ${keysetSelect(ROUND_ORDER)}, r.id, r.org_id AS "orgId", r.org_name AS "orgName", r.year, r.status,
            (SELECT count(*)::int FROM evaluation_subjects s WHERE s.round_id = r.id) AS subjects,
            (SELECT count(*)::int FROM evaluation_subjects s
              WHERE s.round_id = r.id AND s.final_grade IS NOT NULL) AS decided
       FROM evaluation_rounds r WHERE ${where.join(" AND ")}
      ORDER BY ${keysetOrder(ROUND_ORDER)} LIMIT $${params.length}`,
    params,
  );
  const page = keysetPage(result.rows, filter.limit);
  return {
    items: page.items.map(({ orgId, orgName, ...rest }) => ({
      ...rest,
      org: { id: orgId, name: orgName },
    })),
    nextCursor: page.nextCursor,
  };
}

export interface SubjectRow {
  memberId: number;
  name: string;
  mayVote: boolean;
  summary: string;
  suggestedGrade: Grade | null;
  finalGrade: Grade | null;
  finalReason: string | null;
}

export async function listSubjects(db: Queryable, roundId: number): Promise<SubjectRow[]> {
  const result = await db.query<SubjectRow>(
    `SELECT member_id AS "memberId", member_name AS name, may_vote AS "mayVote", summary,
            suggested_grade AS "suggestedGrade", final_grade AS "finalGrade",
            final_reason AS "finalReason"
       FROM evaluation_subjects WHERE round_id = $1 ORDER BY member_name, member_id`,
    [roundId],
  );
  return result.rows;
}

export async function writeSummary(
  tx: Queryable,
  roundId: number,
  memberId: number,
  summary: string,
  grade: Grade,
) {
  await tx.query(
    `UPDATE evaluation_subjects SET summary = $3, suggested_grade = $4
      WHERE round_id = $1 AND member_id = $2`,
    [roundId, memberId, summary, grade],
  );
}

/**
 * Counts per grade and member: the trustees' decrypted tallies of an encrypted round, or the
 * plaintext ballots of a round opened before them. No voter is ever read here.
 */
export async function tallies(db: Queryable, roundId: number): Promise<Map<number, Tally>> {
  const result = await db.query<{ member: number; grade: Grade; n: number }>(
    `SELECT subject_member_id AS member, grade, count(*)::int AS n FROM evaluation_ballots
      WHERE round_id = $1 GROUP BY subject_member_id, grade
     UNION ALL
     SELECT subject_member_id, grade, count FROM evaluation_encrypted_tallies
      WHERE round_id = $1 AND count IS NOT NULL`,
    [roundId],
  );
  const out = new Map<number, Tally>();
  for (const row of result.rows) {
    const t = out.get(row.member) ?? {
      excellent: 0,
      competent: 0,
      basically_competent: 0,
      incompetent: 0,
    };
    t[row.grade] = row.n;
    out.set(row.member, t);
  }
  return out;
}

/**
 * How many ballots each member received, and how many voters voted on anyone: participation,
 * which the server knows anyway (ADR 0015), never a grade.
 */
export async function turnoutOf(
  db: Queryable,
  roundId: number,
): Promise<{ voters: number; ballots: Map<number, number> }> {
  const result = await db.query<{ member: number | null; n: number }>(
    `SELECT subject_member_id::int AS member, count(*)::int AS n FROM (
       SELECT subject_member_id FROM evaluation_ballots WHERE round_id = $1
       UNION ALL
       SELECT subject_member_id FROM evaluation_sealed_ballots WHERE round_id = $1) b
      GROUP BY subject_member_id
     UNION ALL
     SELECT NULL, count(DISTINCT voter)::int FROM (
       SELECT voter_member_id AS voter FROM evaluation_participation WHERE round_id = $1
       UNION ALL
       SELECT voter_member_id FROM evaluation_sealed_ballots WHERE round_id = $1) v`,
    [roundId],
  );
  const ballots = new Map<number, number>();
  let voters = 0;
  for (const row of result.rows) {
    if (row.member === null) voters = row.n;
    else ballots.set(row.member, row.n);
  }
  return { voters, ballots };
}

/** The members the voter has voted on: their own participation, never their grades. */
export async function votedBy(db: Queryable, roundId: number, voterId: number) {
  const result = await db.query<{ subject: number }>(
    `SELECT subject_member_id AS subject FROM evaluation_participation
      WHERE round_id = $1 AND voter_member_id = $2
     UNION
     SELECT subject_member_id FROM evaluation_sealed_ballots
      WHERE round_id = $1 AND voter_member_id = $2`,
    [roundId, voterId],
  );
  return new Set(result.rows.map((r) => r.subject));
}

export async function closeRound(tx: Queryable, id: number) {
  await tx.query(
    "UPDATE evaluation_rounds SET status = 'closed', closed_at = now() WHERE id = $1",
    [id],
  );
}

export async function decide(
  tx: Queryable,
  roundId: number,
  memberId: number,
  grade: Grade,
  reason: string | null,
) {
  await tx.query(
    `UPDATE evaluation_subjects SET final_grade = $3, final_reason = $4, decided_at = now()
      WHERE round_id = $1 AND member_id = $2`,
    [roundId, memberId, grade, reason],
  );
}

/** Gives every member not yet decided the same grade; returns whom it decided. */
export async function decideUndecided(
  tx: Queryable,
  roundId: number,
  grade: Grade,
): Promise<{ memberId: number; name: string }[]> {
  const result = await tx.query<{ memberId: number; name: string }>(
    `UPDATE evaluation_subjects SET final_grade = $2, final_reason = NULL, decided_at = now()
      WHERE round_id = $1 AND final_grade IS NULL
     RETURNING member_id::int AS "memberId", member_name AS name`,
    [roundId, grade],
  );
  return result.rows;
}

/** 不合格 opens a 处置 record; a later change of grade closes it with a note. */
export async function syncFollowup(
  tx: Queryable,
  f: { roundId: number; memberId: number; orgPath: string; grade: Grade; reason: string | null },
  userId: number,
) {
  if (f.grade === "incompetent") {
    await tx.query(
      `INSERT INTO evaluation_followups (round_id, member_id, org_path, reason, created_by)
       VALUES ($1, $2, $3::ltree, $4, $5)
       ON CONFLICT (round_id, member_id) DO UPDATE
          SET reason = EXCLUDED.reason, status = 'open', outcome = NULL, measures = NULL,
              closed_by = NULL, closed_at = NULL`,
      [f.roundId, f.memberId, f.orgPath, f.reason, userId],
    );
  } else {
    await tx.query(
      `UPDATE evaluation_followups SET status = 'closed', outcome = '评定等次已改为非不合格',
                                       closed_at = now()
        WHERE round_id = $1 AND member_id = $2 AND status = 'open'`,
      [f.roundId, f.memberId],
    );
  }
}

export async function listFollowups(db: Queryable, roundId: number) {
  const result = await db.query<{ memberId: number; reason: string; status: "open" | "closed" }>(
    `SELECT member_id AS "memberId", reason, status FROM evaluation_followups
      WHERE round_id = $1 ORDER BY id`,
    [roundId],
  );
  return result.rows;
}
