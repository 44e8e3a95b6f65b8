import type { Queryable } from "../../platform/db/pool.ts";

export interface FactRow {
  number: number;
  sub: number;
  exam_answered: number;
  exam_correct: number;
  practice_answered: number;
  practice_correct: number;
  review_items: number;
  review_gaps: number;
  rect_total: number;
  rect_open: number;
  rect_overdue: number;
  rect_done: number;
  rect_closed: number;
  reports: number;
}

/**
 * Whether an exam answer is right, in SQL, by the same rule as `isCorrect` in study/attempts:
 * the same set of options, or one fill-in equal to an accepted one once white space is removed
 * and letters are lower-cased (by the database's locale, which may differ from JavaScript's for
 * letters outside ASCII). A property test holds the two to the same verdicts.
 */
// JavaScript's \s, spelled out: PostgreSQL's [[:space:]] follows the database's locale.
const WHITE_SPACE = "[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+";

const EXAM_CORRECT = `CASE
  WHEN item->>'type' = 'fill_blank' THEN
    jsonb_typeof(given) = 'array' AND jsonb_array_length(given) = 1
    AND EXISTS (SELECT 1 FROM jsonb_array_elements_text(item->'answer') ok
                 WHERE lower(regexp_replace(ok, $4, '', 'g'))
                     = lower(regexp_replace(given->>0, $4, '', 'g')))
  ELSE
    jsonb_typeof(given) = 'array' AND jsonb_array_length(given) > 0
    AND (SELECT array_agg(DISTINCT x ORDER BY x) FROM jsonb_array_elements_text(given) x)
      = (SELECT array_agg(DISTINCT x ORDER BY x) FROM jsonb_array_elements_text(item->'answer') x)
  END`;

/**
 * Per article number of one document: what the subtree at `orgPath` did under it. Every source
 * is matched by article number, not article id, so answers to a question that cites an older
 * text of an article count for the article as it reads now. Each count runs on the module's own
 * org_path index; nothing here names a person.
 */
export async function articleFacts(
  db: Queryable,
  q: { orgPath: string; documentId: number; withReports: boolean },
): Promise<FactRow[]> {
  const result = await db.query<FactRow>(
    `WITH exam AS (
       SELECT ra.number, ra.sub, count(*)::int AS answered,
              count(*) FILTER (WHERE ok)::int AS correct
         FROM (SELECT item, (${EXAM_CORRECT}) AS ok
                 FROM study_attempts t
                 CROSS JOIN LATERAL jsonb_array_elements(t.paper) item
                 CROSS JOIN LATERAL (SELECT t.answers -> (item->>'id') AS given) g
                WHERE t.org_path <@ $1::ltree AND t.submitted_at IS NOT NULL) graded
         JOIN regulation_articles ra
           ON ra.id IN (SELECT jsonb_array_elements_text(graded.item->'articleIds')::bigint)
        WHERE ra.document_id = $2
        GROUP BY ra.number, ra.sub),
     practice AS (
       SELECT ra.number, ra.sub, count(*)::int AS answered,
              count(*) FILTER (WHERE r.value = 'true')::int AS correct
         FROM study_practice_days d
         CROSS JOIN LATERAL jsonb_each_text(d.results) r
         JOIN study_questions sq ON sq.id = r.key::bigint
         JOIN regulation_articles ra ON ra.id = ANY (sq.article_ids)
        WHERE d.org_path <@ $1::ltree AND ra.document_id = $2
        GROUP BY ra.number, ra.sub),
     review AS (
       SELECT ra.number, ra.sub, count(*)::int AS items,
              count(*) FILTER (WHERE i.answer = 'gap')::int AS gaps
         FROM self_reviews s
         JOIN self_review_items i ON i.self_review_id = s.id
         JOIN regulation_provisions p ON p.id = i.provision_id
         JOIN regulation_articles ra ON ra.id = p.article_id
        WHERE s.org_path <@ $1::ltree AND s.status = 'submitted' AND ra.document_id = $2
        GROUP BY ra.number, ra.sub),
     rect AS (
       SELECT ra.number, ra.sub, count(*)::int AS total,
              count(*) FILTER (WHERE x.status = 'open')::int AS open,
              count(*) FILTER (WHERE x.status = 'open' AND x.due_on < cn_today())::int AS overdue,
              count(*) FILTER (WHERE x.status = 'done')::int AS done,
              count(*) FILTER (WHERE x.status = 'closed')::int AS closed
         FROM rectification_items x
         JOIN self_review_items i ON i.self_review_id = x.self_review_id AND i.seq = x.item_seq
         JOIN regulation_provisions p ON p.id = i.provision_id
         JOIN regulation_articles ra ON ra.id = p.article_id
        WHERE x.org_path <@ $1::ltree AND ra.document_id = $2
        GROUP BY ra.number, ra.sub),
     reports AS (
       SELECT n.value::int AS number, 0 AS sub, count(*)::int AS reports
         FROM cases c
         CROSS JOIN LATERAL jsonb_array_elements_text(c.details->'provisionIds') n
        WHERE $3 AND c.case_type = 'report' AND c.org_path <@ $1::ltree
          AND jsonb_typeof(c.details->'provisionIds') = 'array'
        GROUP BY n.value::int),
     keys AS (
       SELECT number, sub FROM exam UNION SELECT number, sub FROM practice
       UNION SELECT number, sub FROM review UNION SELECT number, sub FROM rect
       UNION SELECT number, sub FROM reports)
     SELECT k.number, k.sub,
            coalesce(exam.answered, 0) AS exam_answered, coalesce(exam.correct, 0) AS exam_correct,
            coalesce(practice.answered, 0) AS practice_answered,
            coalesce(practice.correct, 0) AS practice_correct,
            coalesce(review.items, 0) AS review_items, coalesce(review.gaps, 0) AS review_gaps,
            coalesce(rect.total, 0) AS rect_total, coalesce(rect.open, 0) AS rect_open,
            coalesce(rect.overdue, 0) AS rect_overdue, coalesce(rect.done, 0) AS rect_done,
            coalesce(rect.closed, 0) AS rect_closed, coalesce(reports.reports, 0) AS reports
       FROM keys k
       LEFT JOIN exam USING (number, sub) LEFT JOIN practice USING (number, sub)
       LEFT JOIN review USING (number, sub) LEFT JOIN rect USING (number, sub)
       LEFT JOIN reports USING (number, sub)`,
    [q.orgPath, q.documentId, q.withReports, WHITE_SPACE],
  );
  return result.rows;
}
