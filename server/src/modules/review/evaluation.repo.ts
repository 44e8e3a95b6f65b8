import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import type { MemberFacts } from "../members/member-directory.ts";
import type { RoundSummary, Tally } from "./evaluation.schemas.ts";
import { readScope } from "./review.policy.ts";
import type { Grade } from "./review.schemas.ts";

export interface RoundRow {
  id: number;
  orgId: number;
  orgPath: string;
  orgName: string;
  year: number;
  status: "open" | "closed";
}

const COLUMNS = `r.id, r.org_id AS "orgId", r.org_path::text AS "orgPath", r.org_name AS "orgName",
  r.year, r.status`;

export async function insertRound(
  tx: Queryable,
  r: Omit<RoundRow, "id" | "status">,
  people: MemberFacts[],
  userId: number,
): Promise<number | null> {
  const inserted = await tx.query<{ id: number }>(
    `INSERT INTO evaluation_rounds (org_id, org_path, org_name, year, created_by)
     VALUES ($1, $2::ltree, $3, $4, $5) ON CONFLICT (org_id, year) DO NOTHING RETURNING id`,
    [r.orgId, r.orgPath, r.orgName, r.year, userId],
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

/**
 * A round by id with no scope; `share` holds it against a concurrent close while a vote is
 * written, `update` takes it for the close itself.
 */
export async function roundById(
  db: Queryable,
  id: number,
  lock: "" | "share" | "update" = "",
): Promise<RoundRow | null> {
  const suffix = lock === "share" ? " FOR SHARE" : lock === "update" ? " FOR UPDATE" : "";
  const result = await db.query<RoundRow>(
    `SELECT ${COLUMNS} FROM evaluation_rounds r WHERE r.id = $1${suffix}`,
    [id],
  );
  return result.rows[0] ?? null;
}

export async function listRounds(
  db: Queryable,
  actor: Actor,
  filter: { orgPath?: string; year?: number; memberId?: number },
): Promise<RoundSummary[]> {
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
  const result = await db.query<RoundSummary & { orgId: number; orgName: string }>(
    `SELECT r.id, r.org_id AS "orgId", r.org_name AS "orgName", r.year, r.status,
            (SELECT count(*)::int FROM evaluation_subjects s WHERE s.round_id = r.id) AS subjects,
            (SELECT count(*)::int FROM evaluation_subjects s
              WHERE s.round_id = r.id AND s.final_grade IS NOT NULL) AS decided
       FROM evaluation_rounds r WHERE ${where.join(" AND ")}
      ORDER BY r.year DESC, r.org_name, r.id LIMIT 500`,
    params,
  );
  return result.rows.map(({ orgId, orgName, ...rest }) => ({
    ...rest,
    org: { id: orgId, name: orgName },
  }));
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

/** Counts per grade and member, from the ballots alone: no voter is ever read here. */
export async function tallies(db: Queryable, roundId: number): Promise<Map<number, Tally>> {
  const result = await db.query<{ member: number; grade: Grade; n: number }>(
    `SELECT subject_member_id AS member, grade, count(*)::int AS n FROM evaluation_ballots
      WHERE round_id = $1 GROUP BY subject_member_id, grade`,
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

/** The members the voter has voted on: their own participation, never their grades. */
export async function votedBy(db: Queryable, roundId: number, voterId: number) {
  const result = await db.query<{ subject: number }>(
    `SELECT subject_member_id AS subject FROM evaluation_participation
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
