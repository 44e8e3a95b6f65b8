import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { Conflict } from "../../../platform/errors.ts";
import { scopeClause } from "../../../platform/scope.ts";
import { MANAGE } from "../study.policy.ts";
import type { QuestionType } from "../study.schemas.ts";
import type { Question } from "./bank.schemas.ts";

export interface QuestionRow extends Question {
  orgPath: string;
}

export interface NewQuestion {
  orgId: number;
  orgPath: string;
  type: QuestionType;
  stem: string;
  options: string[];
  answer: string[];
  explanation: string;
  articleIds: number[];
  chapterNumber: number | null;
  status: "draft" | "approved";
  origin: "manual" | "generated" | "imported";
  /** Set on a rewrite of a question members may have seen (see edit-question.ts). */
  revisionOf?: number | null;
}

const SELECT = `SELECT q.id, q.org_id AS "orgId", q.org_path::text AS "orgPath", q.type, q.stem,
  q.options, q.answer, q.explanation, q.article_ids::int[] AS "articleIds",
  q.chapter_number AS "chapterNumber", q.status, q.origin, q.flag_reason AS "flagReason",
  q.revision_of::int AS "revisionOf",
  to_char(q.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt"
  FROM study_questions q`;

/** Inserts questions; generated drafts already in the bank (same org and stem) are skipped. */
export async function insertQuestions(
  tx: Queryable,
  userId: number | null,
  rows: NewQuestion[],
): Promise<number[]> {
  const ids: number[] = [];
  for (const r of rows) {
    const inserted = await tx.query<{ id: number }>(
      `INSERT INTO study_questions (org_id, org_path, type, stem, options, answer, explanation,
         article_ids, chapter_number, status, origin, created_by, reviewed_by, reviewed_at,
         revision_of)
       VALUES ($1, $2::ltree, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,
               CASE WHEN $10 = 'approved' THEN $12::bigint END,
               CASE WHEN $10 = 'approved' THEN now() END, $13)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        r.orgId,
        r.orgPath,
        r.type,
        r.stem,
        r.options,
        r.answer,
        r.explanation,
        r.articleIds,
        r.chapterNumber,
        r.status,
        r.origin,
        userId,
        r.revisionOf ?? null,
      ],
    );
    if (inserted.rows[0]) ids.push(inserted.rows[0].id);
  }
  return ids;
}

export async function listQuestions(
  db: Queryable,
  actor: Actor,
  filter: { status?: string; type?: string; page: number; pageSize: number },
) {
  const params: unknown[] = [filter.status ?? null, filter.type ?? null];
  const scope = scopeClause(actor, MANAGE, "q.org_path", params);
  params.push(filter.pageSize, (filter.page - 1) * filter.pageSize);
  const rows = await db.query<QuestionRow & { total: number }>(
    `${SELECT.replace("FROM study_questions q", `, count(*) OVER ()::int AS total FROM study_questions q`)}
      WHERE ($1::text IS NULL OR q.status = $1) AND ($2::text IS NULL OR q.type = $2) AND ${scope}
      ORDER BY q.id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { items: rows.rows, total: rows.rows[0]?.total ?? 0 };
}

export async function findQuestion(
  db: Queryable,
  actor: Actor,
  id: number,
  lock = false,
): Promise<QuestionRow | null> {
  const params: unknown[] = [id];
  const scope = scopeClause(actor, MANAGE, "q.org_path", params);
  const rows = await db.query<QuestionRow>(
    `${SELECT} WHERE q.id = $1 AND ${scope}${lock ? " FOR UPDATE" : ""}`,
    params,
  );
  return rows.rows[0] ?? null;
}

export async function setQuestionStatus(
  tx: Queryable,
  id: number,
  status: "approved" | "retired",
  reviewerId: number | null,
) {
  await tx.query(
    `UPDATE study_questions SET status = $2, flag_reason = NULL, reviewed_by = $3, reviewed_at = now()
      WHERE id = $1`,
    [id, status, reviewerId],
  );
}

/**
 * Whether a question was ever approved. Only approved questions are drawn into papers and
 * practice sets, so one never approved has certainly never been shown to a member.
 */
export async function wasEverApproved(db: Queryable, id: number): Promise<boolean> {
  const rows = await db.query<{ seen: boolean }>(
    `SELECT reviewed_at IS NOT NULL OR status = 'approved' AS seen
       FROM study_questions WHERE id = $1`,
    [id],
  );
  return rows.rows[0]?.seen ?? false;
}

/** The revision of a question still waiting for review, if any. */
export async function openRevision(db: Queryable, id: number): Promise<number | null> {
  const rows = await db.query<{ id: number }>(
    `SELECT id::int FROM study_questions WHERE revision_of = $1 AND status IN ('draft', 'flagged')`,
    [id],
  );
  return rows.rows[0]?.id ?? null;
}

/** Rewrites a never-approved question in place; it goes back to the reviewers as a draft. */
export async function rewriteQuestion(
  tx: Queryable,
  id: number,
  q: Pick<
    NewQuestion,
    "type" | "stem" | "options" | "answer" | "explanation" | "articleIds" | "chapterNumber"
  >,
) {
  try {
    await tx.query(
      `UPDATE study_questions SET type = $2, stem = $3, options = $4, answer = $5, explanation = $6,
          article_ids = $7, chapter_number = $8, status = 'draft', flag_reason = NULL
        WHERE id = $1`,
      [id, q.type, q.stem, q.options, q.answer, q.explanation, q.articleIds, q.chapterNumber],
    );
  } catch (error) {
    // Generated drafts are unique per org by stem, so the generator never offers one twice.
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (code === "23505" && constraint === "study_questions_generated") {
      throw new Conflict(
        {
          "zh-CN": "本组织题库中已有题干相同的生成题目，请修改题干",
          "en-US": "Another generated question of this org has the same stem; change the stem",
        },
        "stem",
        "study_duplicate_stem",
      );
    }
    throw error;
  }
}

/** Retires the question a just-approved revision replaces; null if it was already out. */
export async function retireRevised(tx: Queryable, id: number, reviewerId: number | null) {
  const rows = await tx.query<{ status: string }>(
    `UPDATE study_questions o SET status = 'retired', reviewed_by = $2, reviewed_at = now()
       FROM study_questions p
      WHERE o.id = $1 AND p.id = o.id AND o.status IN ('approved', 'flagged')
      RETURNING p.status`,
    [id, reviewerId],
  );
  return rows.rows[0]?.status ?? null;
}

/**
 * Approved questions an org's members may be asked: those of the org itself and of every org
 * above it (a county's bank serves its towns and branches).
 */
export async function approvedPool(db: Queryable, orgPath: string): Promise<QuestionRow[]> {
  const rows = await db.query<QuestionRow>(
    `${SELECT} WHERE q.status = 'approved' AND q.org_path @> $1::ltree ORDER BY q.id`,
    [orgPath],
  );
  return rows.rows;
}

export async function questionsByIds(db: Queryable, ids: number[]): Promise<QuestionRow[]> {
  const rows = await db.query<QuestionRow>(`${SELECT} WHERE q.id = ANY($1::bigint[])`, [ids]);
  return rows.rows;
}

/**
 * Stems and explanations of every question an org's members may be asked from: the org's
 * bank and the banks above it, any status, so the generator never offers a copy of one.
 */
export async function bankStems(db: Queryable, orgPath: string) {
  const rows = await db.query<{ stem: string; explanation: string }>(
    "SELECT stem, explanation FROM study_questions WHERE org_path @> $1::ltree",
    [orgPath],
  );
  return {
    stems: rows.rows.map((r) => r.stem),
    explanations: rows.rows.map((r) => r.explanation),
  };
}

/**
 * Flags live questions that cite an article no longer in force (ids change exactly when an
 * article's number or text changes), so a reviewer looks at them before members see them.
 */
export async function flagQuestionsCitingOutside(
  tx: Queryable,
  currentArticleIds: number[],
  reason: string,
  actor: Actor | null,
) {
  const params: unknown[] = [currentArticleIds, reason];
  // The hourly job checks every bank; a manager's button only the banks they manage.
  const scope = actor ? scopeClause(actor, MANAGE, "org_path", params) : "true";
  const rows = await tx.query<{ id: number; org_path: string }>(
    `UPDATE study_questions SET status = 'flagged', flag_reason = $2
      WHERE status IN ('draft', 'approved') AND NOT (article_ids <@ $1::bigint[]) AND ${scope}
      RETURNING id, org_path::text`,
    params,
  );
  return rows.rows;
}
