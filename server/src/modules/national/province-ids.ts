import type { Queryable } from "../../platform/db/pool.ts";

/**
 * Width of one province's org id range (ADR 0028). Org paths are made of ids, so disjoint id
 * ranges make both `org_rollups` keys and paths disjoint across provinces, and the national
 * node can hold every province in one table. Province 65 ends below 2^53, so ids stay exact
 * JavaScript numbers.
 */
export const PROVINCE_SPAN = 1_000_000_000_000;

/** The province a national org id belongs to: its GB/T 2260 code. */
export const provinceOf = (orgId: number) => Math.floor(orgId / PROVINCE_SPAN);

/**
 * Makes this database allocate org ids from the range of province `code` (GB/T 2260: 11 北京
 * … 65 新疆) and only from it: the identity's bounds stop it leaving the range. Refuses when an
 * org already lies outside the range, because its id is in its descendants' paths and in
 * every row that names it; renumbering a live province is not done here.
 */
export async function claimProvinceIds(db: Queryable, code: number): Promise<void> {
  if (!Number.isInteger(code) || code < 11 || code > 65) {
    throw new Error(`省级代码须为 11–65 的整数（GB/T 2260），收到 ${code}`);
  }
  const low = code * PROVINCE_SPAN;
  const high = low + PROVINCE_SPAN - 1;
  const found = await db.query<{ outside: number; top: number | null }>(
    `SELECT count(*) FILTER (WHERE id NOT BETWEEN $1 AND $2)::int AS outside, max(id) AS top
       FROM orgs`,
    [low, high],
  );
  const { outside, top } = found.rows[0] ?? { outside: 0, top: null };
  if (outside > 0) {
    throw new Error(`已有 ${outside} 个党组织的编号不在省级代码 ${code} 的范围内，不能改用该范围`);
  }
  // Identity options take constants, not parameters; all are integers computed above.
  await db.query(
    `ALTER TABLE orgs ALTER COLUMN id SET MINVALUE ${low} SET MAXVALUE ${high}
       SET START WITH ${low + 1} RESTART WITH ${(top ?? low) + 1}`,
  );
}
