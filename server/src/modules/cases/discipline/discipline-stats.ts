import { type Actor, can } from "../../../platform/auth/actor.ts";
import { requirePermission } from "../../../platform/auth/plugin.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import type { Locale } from "../../../platform/i18n.ts";
import { scopeClause } from "../../../platform/scope.ts";
import { CASES_HANDLE } from "../cases.policy.ts";
import { MEASURE_CODES, MEASURES, type Measure } from "./discipline-machine.ts";
import { COUNT_FLOOR, floorAll, floorCount, floorGroup } from "./small-counts.ts";

type Counts = Partial<Record<Measure, number>>;

function measures(rows: { key: string; measure: string; n: number }[], key: string): Counts {
  const out: Counts = {};
  for (const r of rows) if (r.key === key) out[r.measure as Measure] = r.n;
  return out;
}

/**
 * Discipline cases of the caller's handling scope, opened within the dates: per handling org
 * (opened, and of them still being investigated, decided or dismissed; the measures in force)
 * and per article of the regulation (how often cited when opening, applied in a decision, and
 * the measures of the decisions that applied it). Counts only: no case, member or text, and
 * every count under the small-count floor published as 「<3」, with the totals that would give
 * it back withheld (small-counts.ts).
 */
export async function disciplineStats(
  db: Queryable,
  actor: Actor,
  q: { from?: string; to?: string },
  lang: Locale,
) {
  requirePermission(can(actor, CASES_HANDLE));
  const params: unknown[] = [q.from ?? null, q.to ?? null];
  const scope = scopeClause(actor, CASES_HANDLE, "c.org_path", params);
  const cases = `SELECT c.id, c.org_id, c.state, c.outcome, d.measure, d.decided_on,
                        d.cited_provision_ids, d.applied_provision_ids
                   FROM cases c JOIN discipline_cases d ON d.case_id = c.id
                  WHERE c.case_type = 'discipline' AND c.erased_on IS NULL AND ${scope}
                    AND ($1::date IS NULL OR c.opened_on >= $1::date)
                    AND ($2::date IS NULL OR c.opened_on <= $2::date)`;
  const [orgs, orgMeasures, articles, articleMeasures] = await Promise.all([
    db.query<{
      orgId: number;
      orgName: string;
      opened: number;
      decided: number;
      dismissed: number;
      inProgress: number;
    }>(
      `WITH k AS (${cases})
       SELECT k.org_id::int AS "orgId", o.name AS "orgName", count(*)::int AS opened,
              count(*) FILTER (WHERE k.decided_on IS NOT NULL)::int AS decided,
              count(*) FILTER (WHERE k.outcome = 'dismissed')::int AS dismissed,
              count(*) FILTER (WHERE k.decided_on IS NULL
                                 AND k.outcome IS DISTINCT FROM 'dismissed')::int AS "inProgress"
         FROM k JOIN orgs o ON o.id = k.org_id
        GROUP BY k.org_id, o.name, o.code ORDER BY o.code`,
      params,
    ),
    db.query<{ key: string; measure: string; n: number }>(
      `WITH k AS (${cases})
       SELECT k.org_id::text AS key, k.measure, count(*)::int AS n
         FROM k WHERE k.measure IS NOT NULL GROUP BY k.org_id, k.measure`,
      params,
    ),
    db.query<{ number: number; label: string; cited: number; applied: number }>(
      `WITH k AS (${cases}),
            uses AS (
              SELECT k.id, p.article_id, 'cited' AS how
                FROM k, unnest(k.cited_provision_ids) pid JOIN regulation_provisions p ON p.id = pid
              UNION
              SELECT k.id, p.article_id, 'applied'
                FROM k, unnest(k.applied_provision_ids) pid JOIN regulation_provisions p ON p.id = pid)
       SELECT a.number, a.label,
              count(DISTINCT u.id) FILTER (WHERE u.how = 'cited')::int AS cited,
              count(DISTINCT u.id) FILTER (WHERE u.how = 'applied')::int AS applied
         FROM uses u JOIN regulation_articles a ON a.id = u.article_id
        GROUP BY a.number, a.label ORDER BY a.number`,
      params,
    ),
    db.query<{ key: string; measure: string; n: number }>(
      `WITH k AS (${cases}),
            applied AS (
              SELECT DISTINCT k.id, k.measure, a.number
                FROM k, unnest(k.applied_provision_ids) pid
                JOIN regulation_provisions p ON p.id = pid
                JOIN regulation_articles a ON a.id = p.article_id
               WHERE k.measure IS NOT NULL)
       SELECT number::text AS key, measure, count(*)::int AS n FROM applied GROUP BY number, measure`,
      params,
    ),
  ]);
  return {
    measures: MEASURE_CODES.map((code) => ({ code, label: MEASURES[code][lang] })),
    floor: COUNT_FLOOR,
    byOrg: orgs.rows.map((o) => {
      const decided = floorGroup(o.decided, floorAll(measures(orgMeasures.rows, String(o.orgId))));
      const opened = floorGroup(o.opened, {
        inProgress: floorCount(o.inProgress),
        decided: decided.total,
        dismissed: floorCount(o.dismissed),
      });
      return {
        orgId: o.orgId,
        orgName: o.orgName,
        opened: opened.total,
        ...opened.parts,
        measures: decided.parts,
      };
    }),
    byArticle: articles.rows.map((a) => {
      const applied = floorGroup(
        a.applied,
        floorAll(measures(articleMeasures.rows, String(a.number))),
      );
      return {
        number: a.number,
        label: a.label,
        cited: floorCount(a.cited),
        applied: applied.total,
        measures: applied.parts,
      };
    }),
  };
}
