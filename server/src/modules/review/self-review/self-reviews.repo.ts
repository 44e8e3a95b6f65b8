import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { reachClause, reachColumns, readScope } from "../review.policy.ts";
import type { DraftBody } from "./self-review.schemas.ts";

export interface ChecklistLine {
  provisionId: number;
  articleLabel: string;
  provisionText: string;
}

export async function insertSelfReview(
  tx: Queryable,
  r: { meetingId: number; memberId: number; orgPath: string; lines: ChecklistLine[] },
): Promise<number> {
  const inserted = await tx.query<{ id: number }>(
    `INSERT INTO self_reviews (meeting_id, member_id, org_path) VALUES ($1, $2, $3::ltree)
     RETURNING id`,
    [r.meetingId, r.memberId, r.orgPath],
  );
  const id = Number(inserted.rows[0]?.id);
  await tx.query(
    `INSERT INTO self_review_items (self_review_id, seq, provision_id, article_label, provision_text)
     SELECT $1, s.seq, s.provision_id, s.label, s.text
       FROM unnest($2::bigint[], $3::text[], $4::text[]) WITH ORDINALITY
            AS s(provision_id, label, text, seq)`,
    [
      id,
      r.lines.map((l) => l.provisionId),
      r.lines.map((l) => l.articleLabel),
      r.lines.map((l) => l.provisionText),
    ],
  );
  return id;
}

export interface SelfReviewRow {
  id: number;
  meetingId: number;
  memberId: number;
  orgPath: string;
  status: "draft" | "submitted" | "returned";
  overview: string;
  returnComment: string | null;
  submittedAt: string | null;
}

const COLUMNS = `s.id, s.meeting_id AS "meetingId", s.member_id AS "memberId",
  s.org_path::text AS "orgPath", s.status, s.overview, s.return_comment AS "returnComment",
  to_char(s.submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS') AS "submittedAt"`;

type Reach = { own: boolean; manage: boolean; oversee: boolean };

/**
 * A self-review the caller reaches: their own, or in their manage or oversee scope; with
 * whether it is their own and whether they manage it. `lock` holds it for a change.
 */
export async function findSelfReview(
  db: Queryable,
  actor: Actor,
  id: number,
  lock = false,
): Promise<(SelfReviewRow & Reach) | null> {
  const params: unknown[] = [id, actor.memberId];
  const flags = reachColumns(actor, "s.org_path", params);
  const where = reachClause(actor, "read", "s.org_path", params, (m) => `s.member_id = ${m}`);
  const result = await db.query<SelfReviewRow & Reach>(
    `SELECT ${COLUMNS}, coalesce(s.member_id = $2, false) AS own, ${flags}
       FROM self_reviews s WHERE s.id = $1 AND ${where}${lock ? " FOR UPDATE" : ""}`,
    params,
  );
  return result.rows[0] ?? null;
}

export async function findSelfReviewOf(
  db: Queryable,
  meetingId: number,
  memberId: number,
): Promise<SelfReviewRow | null> {
  const result = await db.query<SelfReviewRow>(
    `SELECT ${COLUMNS} FROM self_reviews s WHERE s.meeting_id = $1 AND s.member_id = $2`,
    [meetingId, memberId],
  );
  return result.rows[0] ?? null;
}

export interface ItemRow {
  seq: number;
  articleLabel: string;
  provisionText: string;
  answer: "meets" | "gap" | null;
  problem: string;
  cause: string;
  measure: string;
}

export async function listItems(db: Queryable, selfReviewId: number): Promise<ItemRow[]> {
  const result = await db.query<ItemRow>(
    `SELECT seq, article_label AS "articleLabel", provision_text AS "provisionText", answer,
            problem, cause, measure
       FROM self_review_items WHERE self_review_id = $1 ORDER BY seq`,
    [selfReviewId],
  );
  return result.rows;
}

/** Saves the typed answers; lines the body leaves out keep what they had. */
export async function saveDraft(tx: Queryable, id: number, draft: DraftBody) {
  if (draft.overview !== undefined) {
    await tx.query("UPDATE self_reviews SET overview = $2, updated_at = now() WHERE id = $1", [
      id,
      draft.overview,
    ]);
  }
  for (const item of draft.items) {
    await tx.query(
      `UPDATE self_review_items SET answer = $3,
              problem = coalesce($4, problem), cause = coalesce($5, cause),
              measure = coalesce($6, measure)
        WHERE self_review_id = $1 AND seq = $2`,
      [id, item.seq, item.answer, item.problem ?? null, item.cause ?? null, item.measure ?? null],
    );
  }
  await tx.query("UPDATE self_reviews SET updated_at = now() WHERE id = $1", [id]);
}

export async function setStatus(
  tx: Queryable,
  id: number,
  status: "submitted" | "returned",
  comment: string | null = null,
) {
  await tx.query(
    `UPDATE self_reviews SET status = $2, updated_at = now(),
            submitted_at = CASE WHEN $2 = 'submitted' THEN now() ELSE submitted_at END,
            returned_at = CASE WHEN $2 = 'returned' THEN now() ELSE returned_at END,
            return_comment = CASE WHEN $2 = 'returned' THEN $3 ELSE return_comment END
      WHERE id = $1`,
    [id, status, comment],
  );
}

export async function listOwnReviews(db: Queryable, memberId: number) {
  const result = await db.query<{
    selfReviewId: number;
    meetingId: number;
    kind: "branch_life" | "leadership_life";
    topic: string;
    heldOn: string;
    orgName: string;
    status: "draft" | "submitted" | "returned";
  }>(
    `SELECT s.id AS "selfReviewId", m.id AS "meetingId", m.kind, m.topic, m.held_on AS "heldOn",
            m.org_name AS "orgName", s.status
       FROM self_reviews s JOIN review_meetings m ON m.id = s.meeting_id
      WHERE s.member_id = $1 ORDER BY m.held_on DESC, m.id DESC`,
    [memberId],
  );
  return result.rows;
}

/** Submitted self-reviews waiting to be checked under `orgPath`, within the caller's scope. */
export async function countSubmittedUnder(
  db: Queryable,
  actor: Actor,
  orgPath: string,
): Promise<number> {
  const params: unknown[] = [orgPath];
  const scope = readScope(actor, "s.org_path", params);
  const result = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM self_reviews s
      WHERE s.org_path <@ $1::ltree AND s.status = 'submitted' AND ${scope}`,
    params,
  );
  return result.rows[0]?.n ?? 0;
}
