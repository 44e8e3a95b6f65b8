import type { Queryable } from "../../server/src/platform/db/pool.ts";

/**
 * The year's study campaign published at the root, and a third of the members (every third
 * id) passing it once, on a day spread over the year: the exam part of the benches' year of
 * events, one statement each.
 */
export async function yearExam(db: Queryable, rootId: number, year: number) {
  await db.query(
    `INSERT INTO study_campaigns (org_id, org_path, title, starts_at, ends_at, status, pass_mark,
       time_limit_minutes, max_attempts, rules)
     SELECT id, path, $2 || '年网络行为规定专题学习', make_date($3, 1, 1), make_date($3, 12, 31),
            'published', 60, 30, 3, '[]' FROM orgs WHERE id = $1`,
    [rootId, String(year), year],
  );
  await db.query(
    `INSERT INTO study_attempts (campaign_id, member_id, org_path, attempt_no, started_at,
       deadline_at, paper, submitted_at, submitted_by, correct, total, score, passed)
     SELECT (SELECT max(id) FROM study_campaigns), m.id, m.org_path, 1, t, t + interval '30 min',
            '[]', t + interval '20 min', 'member', 9, 10, 90, true
       FROM (SELECT id, org_path,
                    make_timestamptz($1, 1, 1, 9, 0, 0, 'Asia/Shanghai') + (id % 330) * interval '1 day' AS t
               FROM members WHERE id % 3 = 0) m`,
    [year],
  );
}
