/**
 * The load bench/replication.ts puts on a province and what it reads back: WAL positions, a
 * burst of passed exams, the WAL a subscription's slot holds, the national node's passes.
 */
import { type Db, withTx } from "../../server/src/platform/db/pool.ts";

export const walLsn = async (db: Db) =>
  (await db.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn")).rows[0]?.lsn ?? "";
export const walBytes = async (db: Db, from: string) =>
  Number(
    (
      await db.query<{ n: string }>("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1)::text AS n", [
        from,
      ])
    ).rows[0]?.n,
  );

/**
 * `count` passed attempts in this month, `perTx` to a transaction, by members in a shuffled
 * order, so a transaction touches about as many branches as it has attempts, as in a real
 * rush, and the statement trigger records about one fact per event.
 */
export async function burst(db: Db, count: number, perTx: number) {
  const campaign = await db.query<{ id: number }>(
    `INSERT INTO study_campaigns (org_id, org_path, title, starts_at, ends_at, status, pass_mark,
       time_limit_minutes, max_attempts, rules)
     SELECT id, path, '考前冲刺：网络行为规定', now() - interval '1 day', now() + interval '7 days',
            'published', 60, 30, 10, '[]' FROM orgs WHERE parent_id IS NULL
     RETURNING id`,
  );
  await db.query(
    `CREATE UNLOGGED TABLE bench_burst_members AS
       SELECT (row_number() OVER (ORDER BY md5(id::text)) - 1)::int AS i, id, org_path
         FROM members WHERE archived_at IS NULL;
     ALTER TABLE bench_burst_members ADD PRIMARY KEY (i)`,
  );
  const members = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM bench_burst_members",
  );
  const n = members.rows[0]?.n ?? 1;
  for (let done = 0; done < count; done += perTx) {
    await withTx(db, (tx) =>
      tx.query(
        `INSERT INTO study_attempts (campaign_id, member_id, org_path, attempt_no, started_at,
           deadline_at, paper, submitted_at, submitted_by, correct, total, score, passed)
         SELECT $1, m.id, m.org_path, 1 + g / $4, now() - interval '20 min',
                now() + interval '10 min', '[]', now(), 'member', 8, 10, 80, true
           FROM generate_series($2::int, $3::int - 1) g
           JOIN bench_burst_members m ON m.i = g % $4`,
        [campaign.rows[0]?.id, done, Math.min(done + perTx, count), n],
      ),
    );
  }
}

/** WAL the province keeps for the national node's subscription, not yet confirmed by it. */
export async function slotHeld(db: Db) {
  const r = await db.query<{ n: string }>(
    `SELECT coalesce(max(pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)), 0)::text AS n
       FROM pg_replication_slots`,
  );
  return Number(r.rows[0]?.n ?? 0);
}

/** The national node's exam passes in `month` ("YYYY-MM") for the province, by key. */
export async function nationalPasses(nation: Db, rootId: number, month: string) {
  const r = await nation.query<{ n: number }>(
    `SELECT coalesce(sum(subtree), 0)::bigint AS n FROM org_rollups
      WHERE org_id = $1 AND metric = 'exam_passed' AND month = $2::date`,
    [rootId, `${month}-01`],
  );
  return r.rows[0]?.n ?? 0;
}
