import type { AuditActor } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { scopeClause } from "../../../platform/scope.ts";
import { MANAGE } from "../study.policy.ts";
import type { Answer } from "../study.schemas.ts";
import type { PaperItem } from "./paper.ts";

/** Seconds of network slack after the deadline for a submission already on its way. */
export const GRACE_SECONDS = 15;

export interface AttemptRow {
  id: number;
  campaignId: number;
  memberId: number;
  orgPath: string;
  attemptNo: number;
  startedAt: string;
  deadlineAt: string;
  paper: PaperItem[];
  answers: Record<string, Answer>;
  submittedAt: string | null;
  correct: number | null;
  total: number | null;
  score: number | null;
  passed: boolean | null;
  passMark: number;
  /** Whether the deadline (plus grace) is still ahead, by the database's clock. */
  open: boolean;
  serverNow: string;
}

const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const SELECT = `SELECT a.id, a.campaign_id AS "campaignId", a.member_id AS "memberId",
  a.org_path::text AS "orgPath", a.attempt_no AS "attemptNo", ${ISO("a.started_at")} AS "startedAt",
  ${ISO("a.deadline_at")} AS "deadlineAt", a.paper, a.answers, ${ISO("a.submitted_at")} AS "submittedAt",
  a.correct, a.total, a.score, a.passed,
  (SELECT c.pass_mark FROM study_campaigns c WHERE c.id = a.campaign_id) AS "passMark",
  now() <= a.deadline_at + make_interval(secs => ${GRACE_SECONDS}) AS open, ${ISO("now()")} AS "serverNow"
  FROM study_attempts a`;

export async function findAttempt(db: Queryable, id: number): Promise<AttemptRow | null> {
  const rows = await db.query<AttemptRow>(`${SELECT} WHERE a.id = $1`, [id]);
  return rows.rows[0] ?? null;
}

export type AttemptKey = Pick<
  AttemptRow,
  "id" | "memberId" | "orgPath" | "answers" | "submittedAt" | "passMark" | "open"
> & { paper: Pick<PaperItem, "id" | "type" | "answer">[] };

/**
 * What submissions need, and no more: owner, deadline state and the key (not the stems, and
 * taken out of the paper when the sitting started: study_attempt_keys, migration 0044; a key
 * row deleted by hand is taken from the paper again), for many attempts in one
 * read. Answers in the order of the ids, null for an id that is not there.
 */
export async function findAttemptKeys(
  db: Queryable,
  ids: number[],
): Promise<(AttemptKey | null)[]> {
  const rows = await db.query<AttemptKey>({
    // Named, and run where plans are generic (batchQueries): parsed and planned once per
    // connection, as the rush runs it thousands of times.
    name: "wg_attempt_keys",
    // One primary-key lookup per id, whatever the statistics say: right after a campaign opens
    // they can be stale, and a plan driven from the campaign read thousands of attempts.
    text: `SELECT a.id, a.member_id AS "memberId", a.org_path::text AS "orgPath", a.answers,
            a.submitted_at AS "submittedAt",
            (SELECT c.pass_mark FROM study_campaigns c WHERE c.id = a.campaign_id) AS "passMark",
            now() <= a.deadline_at + make_interval(secs => ${GRACE_SECONDS}) AS open,
            coalesce((SELECT x.answer_key FROM study_attempt_keys x WHERE x.attempt_id = a.id),
                     study_paper_key(a.paper)) AS paper
       FROM unnest($1::bigint[]) AS k(id)
      CROSS JOIN LATERAL (SELECT * FROM study_attempts a WHERE a.id = k.id) a`,
    values: [ids],
  });
  const byId = new Map(rows.rows.map((r) => [Number(r.id), r]));
  return ids.map((id) => byId.get(id) ?? null);
}

export async function memberAttempts(db: Queryable, memberId: number, campaignIds: number[]) {
  const rows = await db.query<AttemptRow>(
    `${SELECT} WHERE a.member_id = $1 AND a.campaign_id = ANY($2::bigint[]) ORDER BY a.attempt_no`,
    [memberId, campaignIds],
  );
  return rows.rows;
}

/** How many sittings each campaign has had: one started sitting is enough to rule out 撤回. */
export async function sittingsOf(
  db: Queryable,
  campaignIds: number[],
): Promise<Map<number, number>> {
  if (campaignIds.length === 0) return new Map();
  const rows = await db.query<{ id: number; n: number }>(
    `SELECT campaign_id::int AS id, count(*)::int AS n FROM study_attempts
      WHERE campaign_id = ANY($1::bigint[]) GROUP BY campaign_id`,
    [campaignIds],
  );
  return new Map(rows.rows.map((r) => [r.id, r.n]));
}

/**
 * Holds a share lock on the campaign while a sitting starts, so a withdrawal (which takes the
 * row for update and checks that nobody has sat) cannot slip between the check and the insert.
 */
export async function stillPublished(tx: Queryable, campaignId: number): Promise<boolean> {
  const rows = await tx.query<{ status: string }>(
    "SELECT status FROM study_campaigns WHERE id = $1 FOR SHARE",
    [campaignId],
  );
  return rows.rows[0]?.status === "published";
}

/** Starts a sitting; the unique indexes turn a double click into one attempt. */
export async function insertAttempt(
  tx: Queryable,
  a: {
    campaignId: number;
    memberId: number;
    orgPath: string;
    attemptNo: number;
    timeLimitMinutes: number;
    campaignEndsAt: string;
    paper: PaperItem[];
  },
): Promise<{ id: number; deadlineAt: Date } | null> {
  const rows = await tx.query<{ id: number; deadlineAt: Date }>(
    `INSERT INTO study_attempts (campaign_id, member_id, org_path, attempt_no, deadline_at, paper)
     VALUES ($1, $2, $3::ltree, $4, least(now() + make_interval(mins => $5), $6::timestamptz), $7)
     ON CONFLICT DO NOTHING RETURNING id, deadline_at AS "deadlineAt"`,
    [
      a.campaignId,
      a.memberId,
      a.orgPath,
      a.attemptNo,
      a.timeLimitMinutes,
      a.campaignEndsAt,
      JSON.stringify(a.paper),
    ],
  );
  return rows.rows[0] ?? null;
}

/** Merges autosaved answers into an open attempt; null when it is closed or past its time. */
export async function saveAnswers(tx: Queryable, id: number, answers: Record<string, Answer>) {
  const rows = await tx.query<{ savedAt: string; answered: number }>(
    `UPDATE study_attempts SET answers = answers || $2::jsonb, saved_at = now()
      WHERE id = $1 AND submitted_at IS NULL
        AND now() <= deadline_at + make_interval(secs => ${GRACE_SECONDS})
      RETURNING ${ISO("saved_at")} AS "savedAt",
                (SELECT count(*)::int FROM jsonb_object_keys(answers)) AS answered`,
    [id, JSON.stringify(answers)],
  );
  return rows.rows[0] ?? null;
}

export interface Scored {
  correct: number;
  total: number;
  score: number;
  passed: boolean;
}

/**
 * Closes an attempt with its final answers and server-computed score. The WHERE clause makes
 * it happen once: a second submit or the deadline job racing the member finds nothing to do.
 */
export async function closeAttempt(
  tx: Queryable,
  id: number,
  answers: Record<string, Answer>,
  scored: Scored,
  by: "member" | "deadline",
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE study_attempts SET answers = $2::jsonb, submitted_at = now(), submitted_by = $3,
            correct = $4, total = $5, score = $6, passed = $7
      WHERE id = $1 AND submitted_at IS NULL
        AND ($3 = 'deadline' OR now() <= deadline_at + make_interval(secs => ${GRACE_SECONDS}))`,
    [id, JSON.stringify(answers), by, scored.correct, scored.total, scored.score, scored.passed],
  );
  return (rows.rowCount ?? 0) > 0;
}

export interface AttemptSummary {
  memberId: number;
  attempts: number;
  open: boolean;
  bestScore: number | null;
  passed: boolean;
  lastSubmittedAt: string | null;
}

/** Per member of a campaign: attempts, best score, whether passed. Scoped to the caller. */
export async function attemptSummaries(
  db: Queryable,
  actor: Actor,
  campaignId: number,
): Promise<AttemptSummary[]> {
  const params: unknown[] = [campaignId];
  const scope = scopeClause(actor, MANAGE, "a.org_path", params);
  const rows = await db.query<AttemptSummary>(
    `SELECT a.member_id AS "memberId", count(*)::int AS attempts,
            bool_or(a.submitted_at IS NULL) AS open, max(a.score) AS "bestScore",
            coalesce(bool_or(a.passed), false) AS passed,
            ${ISO("max(a.submitted_at)")} AS "lastSubmittedAt"
       FROM study_attempts a WHERE a.campaign_id = $1 AND ${scope} GROUP BY a.member_id`,
    params,
  );
  return rows.rows;
}

export interface Submission {
  id: number;
  answers: Record<string, Answer>;
  scored: Scored;
  audit: AuditActor;
}

/**
 * The deadline-rush path: closes many attempts and writes each one's audit row in one
 * statement, which PostgreSQL runs as one transaction, so every close commits with its audit
 * row or neither does. The audit columns are those recordAudit writes (ADR 0003: insert only,
 * sealed later). The ids must differ (the coalescer sees to it): an UPDATE … FROM closes a row
 * once however many input rows match it. Answers, in the order given, whether each attempt
 * closed; false when it was already closed or its time had run out.
 */
export async function submitManyWithAudit(db: Queryable, given: Submission[]): Promise<boolean[]> {
  // In id order, so two batches in flight that share attempts (two double clicks) lock them in
  // the same order and cannot deadlock.
  const subs = [...given].sort((a, b) => a.id - b.id);
  const rows = await db.query<{ id: string }>({
    name: "wg_attempts_submit",
    text: `WITH input AS (
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[], $4::int[], $5::int[], $6::bool[],
                            $7::bigint[], $8::text[], $9::text[], $10::text[], $11::text[])
         AS i(id, answers, correct, total, score, passed, user_id, label, after, request_id, ip)),
     closed AS (
       UPDATE study_attempts a SET answers = i.answers::jsonb, submitted_at = now(),
              submitted_by = 'member', correct = i.correct, total = i.total, score = i.score,
              passed = i.passed
         FROM input i
        WHERE a.id = i.id AND a.submitted_at IS NULL
          AND now() <= a.deadline_at + make_interval(secs => ${GRACE_SECONDS})
        RETURNING a.id, a.org_path, i.user_id, i.label, i.after, i.request_id, i.ip)
     INSERT INTO audit_events (actor_user_id, actor_label, action, entity_type, entity_id, org_path,
                               after, request_id, ip)
     SELECT user_id, label, 'study.attempt.submit', 'study_attempt', id::text, org_path,
            after::jsonb, request_id, ip
       FROM closed
     RETURNING entity_id AS id`,
    values: [
      subs.map((s) => s.id),
      subs.map((s) => JSON.stringify(s.answers)),
      subs.map((s) => s.scored.correct),
      subs.map((s) => s.scored.total),
      subs.map((s) => s.scored.score),
      subs.map((s) => s.scored.passed),
      subs.map((s) => s.audit.userId),
      subs.map((s) => s.audit.label),
      subs.map((s) => JSON.stringify(s.scored)),
      subs.map((s) => s.audit.requestId ?? null),
      subs.map((s) => s.audit.ip ?? null),
    ],
  });
  const closed = new Set(rows.rows.map((r) => Number(r.id)));
  return given.map((s) => closed.has(s.id));
}

/** Members who passed the campaign, without a scope: for the system's deadline reminder. */
export async function passedMembers(db: Queryable, campaignId: number): Promise<Set<number>> {
  const rows = await db.query<{ id: number }>(
    "SELECT DISTINCT member_id AS id FROM study_attempts WHERE campaign_id = $1 AND passed",
    [campaignId],
  );
  return new Set(rows.rows.map((r) => r.id));
}
