import type { Queryable } from "../../../platform/db/pool.ts";

export interface PracticeDayRow {
  day: string;
  questionIds: number[];
  results: Record<string, boolean>;
  points: number;
  completed: boolean;
}

export async function chinaToday(db: Queryable): Promise<string> {
  const rows = await db.query<{ d: string }>("SELECT cn_today() AS d");
  return rows.rows[0]?.d ?? new Date().toISOString().slice(0, 10);
}

const DAY = `SELECT day, question_ids::int[] AS "questionIds", results, points, completed
  FROM study_practice_days`;

export async function findDay(db: Queryable, memberId: number, day: string, lock = false) {
  const rows = await db.query<PracticeDayRow>(
    `${DAY} WHERE member_id = $1 AND day = $2${lock ? " FOR UPDATE" : ""}`,
    [memberId, day],
  );
  return rows.rows[0] ?? null;
}

/**
 * The day's set, fixed once; a concurrent first request keeps the set that won. True when this
 * call wrote the row, so only the winner records it in the audit log.
 */
export async function insertDay(
  tx: Queryable,
  memberId: number,
  day: string,
  orgPath: string,
  questionIds: number[],
): Promise<boolean> {
  const res = await tx.query(
    `INSERT INTO study_practice_days (member_id, day, org_path, question_ids)
     VALUES ($1, $2, $3::ltree, $4) ON CONFLICT DO NOTHING`,
    [memberId, day, orgPath, questionIds],
  );
  return (res.rowCount ?? 0) > 0;
}

export async function recordPracticeAnswer(
  tx: Queryable,
  memberId: number,
  day: string,
  questionId: number,
  correct: boolean,
  points: number,
  completed: boolean,
) {
  await tx.query(
    `UPDATE study_practice_days
        SET results = results || jsonb_build_object($3::text, $4::boolean), points = $5, completed = $6
      WHERE member_id = $1 AND day = $2`,
    [memberId, day, String(questionId), correct, points, completed],
  );
}

export async function recentDays(db: Queryable, memberId: number) {
  const rows = await db.query<{ day: string; completed: boolean; points: number }>(
    `SELECT day, completed, points FROM study_practice_days WHERE member_id = $1
      ORDER BY day DESC LIMIT 400`,
    [memberId],
  );
  return rows.rows;
}

export async function totalPoints(db: Queryable, memberId: number): Promise<number> {
  const rows = await db.query<{ n: number }>(
    "SELECT coalesce(sum(points), 0)::int AS n FROM study_practice_days WHERE member_id = $1",
    [memberId],
  );
  return rows.rows[0]?.n ?? 0;
}

export interface CardRow {
  articleId: number;
  due: string;
  card: Record<string, unknown>;
}

export async function memberCards(db: Queryable, memberId: number): Promise<CardRow[]> {
  const rows = await db.query<CardRow>(
    `SELECT article_id AS "articleId", due, card FROM study_cards WHERE member_id = $1`,
    [memberId],
  );
  return rows.rows;
}

export async function upsertCard(
  tx: Queryable,
  memberId: number,
  articleId: number,
  due: Date,
  card: unknown,
) {
  await tx.query(
    `INSERT INTO study_cards (member_id, article_id, due, card) VALUES ($1, $2, $3, $4)
     ON CONFLICT (member_id, article_id) DO UPDATE SET due = EXCLUDED.due, card = EXCLUDED.card`,
    [memberId, articleId, due, JSON.stringify(card)],
  );
}

export async function rankingsEnabled(db: Queryable, orgId: number): Promise<boolean> {
  const rows = await db.query<{ on: boolean }>(
    `SELECT rankings_enabled AS on FROM study_org_settings WHERE org_id = $1`,
    [orgId],
  );
  return rows.rows[0]?.on ?? false;
}

export async function saveSettings(
  tx: Queryable,
  orgId: number,
  enabled: boolean,
  userId: number | null,
) {
  await tx.query(
    `INSERT INTO study_org_settings (org_id, rankings_enabled, updated_by) VALUES ($1, $2, $3)
     ON CONFLICT (org_id) DO UPDATE SET rankings_enabled = $2, updated_by = $3, updated_at = now()`,
    [orgId, enabled, userId],
  );
}

/** Points of the last 30 days per member of one org (a branch's own members only). */
export async function branchPoints(db: Queryable, orgPath: string) {
  const rows = await db.query<{ memberId: number; points: number }>(
    `SELECT member_id AS "memberId", sum(points)::int AS points FROM study_practice_days
      WHERE org_path = $1::ltree AND day > cn_today() - 30
      GROUP BY member_id ORDER BY points DESC, member_id LIMIT 50`,
    [orgPath],
  );
  return rows.rows;
}
