import type { Queryable } from "../../platform/db/pool.ts";
import type { TrendMonth } from "../dashboards/dashboards.schemas.ts";
import { twelveMonths } from "../dashboards/trends.ts";
import type { Metric } from "../rollups/rollups.repo.ts";
import { provinceOf } from "./province-ids.ts";

export interface ProvinceTrend {
  /** GB/T 2260 code, from the org id range (ADR 0028). */
  province: number;
  /** The province's top-level orgs, by name. */
  roots: string[];
  months: TrendMonth[];
}

export interface NationalTrends {
  year: number;
  nation: TrendMonth[];
  provinces: ProvinceTrend[];
}

/**
 * The nation's and each province's twelve months, read on the national node from the
 * provinces' replicated rollups: the subtree totals of each province's top-level orgs, so a
 * handful of rows per metric and month whatever the provinces' size. Figures are as of each
 * province's last fold plus the replication lag. The national node has no users of its own
 * yet: whoever can connect to it reads the whole nation.
 */
export async function nationalTrends(db: Queryable, year: number): Promise<NationalTrends> {
  const result = await db.query<{
    id: number;
    name: string;
    metric: Metric;
    month: string | null;
    n: number;
  }>(
    `SELECT o.id, o.name, r.metric,
            CASE WHEN r.month >= $1::date THEN to_char(r.month, 'YYYY-MM') END AS month,
            sum(r.subtree)::bigint AS n
       FROM orgs o JOIN org_rollups r ON r.org_id = o.id
      WHERE o.parent_id IS NULL AND r.month < $2::date
      GROUP BY 1, 2, 3, 4
      ORDER BY 1`,
    [`${year}-01-01`, `${year + 1}-01-01`],
  );
  const byProvince = new Map<
    number,
    { roots: Set<string>; rows: { metric: Metric; month: string; subtree: number }[] }
  >();
  const roots = await db.query<{ id: number; name: string }>(
    "SELECT id, name FROM orgs WHERE parent_id IS NULL ORDER BY id",
  );
  for (const r of roots.rows) {
    const p = byProvince.get(provinceOf(r.id)) ?? { roots: new Set(), rows: [] };
    p.roots.add(r.name);
    byProvince.set(provinceOf(r.id), p);
  }
  const all: { metric: Metric; month: string; subtree: number }[] = [];
  const allBefore: Record<string, number> = {};
  const before = new Map<number, Record<string, number>>();
  for (const r of result.rows) {
    const code = provinceOf(r.id);
    if (r.month === null) {
      const b = before.get(code) ?? {};
      b[r.metric] = (b[r.metric] ?? 0) + r.n;
      before.set(code, b);
      allBefore[r.metric] = (allBefore[r.metric] ?? 0) + r.n;
    } else {
      const row = { metric: r.metric, month: r.month, subtree: r.n };
      byProvince.get(code)?.rows.push(row);
      all.push(row);
    }
  }
  // Case counts stay with each province's own case handlers, and 民主评议 grades with its
  // review overseers: the national read, which has no users of its own, shows neither.
  const shown = { cases: false, grades: false };
  return {
    year,
    nation: twelveMonths(sumByKey(all), allBefore, year, shown),
    provinces: [...byProvince].map(([province, p]) => ({
      province,
      roots: [...p.roots],
      months: twelveMonths(sumByKey(p.rows), before.get(province) ?? {}, year, shown),
    })),
  };
}

/**
 * A province's own month as the national read shows it: case counts stay with the province's
 * case handlers and 民主评议 grades with its reviewers, so both are blank.
 */
export const asNationalMonth = (m: TrendMonth): TrendMonth => ({
  ...m,
  gradeExcellent: null,
  gradeCompetent: null,
  gradeBasicallyCompetent: null,
  gradeIncompetent: null,
  reportsReceived: null,
  disciplineOpened: null,
  disciplineClosed: null,
});

/** twelveMonths takes one row per metric and month; several roots give several. */
function sumByKey(rows: { metric: Metric; month: string; subtree: number }[]) {
  const sums = new Map<string, { metric: Metric; month: string; subtree: number }>();
  for (const r of rows) {
    const key = `${r.metric}/${r.month}`;
    const s = sums.get(key);
    if (s) s.subtree += r.subtree;
    else sums.set(key, { ...r });
  }
  return [...sums.values()];
}
