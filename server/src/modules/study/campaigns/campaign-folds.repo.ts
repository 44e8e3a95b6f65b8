import type { Queryable } from "../../../platform/db/pool.ts";
import { MEMBER_STATUS } from "./campaign-results.repo.ts";

/**
 * The SQL of the campaign results fold (migration 0039, ADR 0029). The fold reads study_attempts
 * and members only; it adds nothing to the writes of an exam.
 */

/** One fold at a time, across every server process. */
export async function lockFold(tx: Queryable) {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('wanggui.campaign_results'))");
}

/**
 * When the oldest transaction still open in this database began (now when there is none),
 * read before the fold's own statements: every transaction that began earlier has ended, so
 * what it committed is visible to them. Of a session this role may not read (another role's,
 * without pg_read_all_stats) PostgreSQL shows only its transaction ids: one in a transaction
 * counts as open since ever, which only holds the watermark back; an idle one does not count.
 */
export async function oldestOpenTransaction(db: Queryable): Promise<{ now: Date; oldest: Date }> {
  const result = await db.query<{ now: Date; oldest: Date }>(
    `SELECT clock_timestamp() AS now,
            least(clock_timestamp(),
                  min(CASE WHEN a.state IS NOT NULL THEN a.xact_start
                           WHEN a.backend_xid IS NOT NULL OR a.backend_xmin IS NOT NULL
                             THEN '-infinity'::timestamptz END)) AS oldest
       FROM pg_stat_activity a
      WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()
        AND (a.backend_type = 'client backend' OR a.backend_type IS NULL)`,
  );
  const row = result.rows[0];
  if (!row) throw new Error("pg_stat_activity returned no row");
  return row;
}

export interface Watermark {
  settled: number;
  pending: number;
  pendingAt: Date;
}

export async function readWatermark(tx: Queryable): Promise<Watermark> {
  const result = await tx.query<{ settled: string; pending: string; pendingAt: Date }>(
    `SELECT settled::text, pending::text, pending_at AS "pendingAt"
       FROM campaign_result_watermark FOR UPDATE`,
  );
  const row = result.rows[0];
  if (!row) throw new Error("campaign_result_watermark has no row (migration 0039)");
  return { settled: Number(row.settled), pending: Number(row.pending), pendingAt: row.pendingAt };
}

/**
 * Records how far the fold is settled, and the attempt identity as it stands now with the time
 * read after it: every id up to it was handed out before that time.
 */
export async function writeWatermark(tx: Queryable, settled: number) {
  const seq = await tx.query<{ last: string | null }>(
    `SELECT pg_sequence_last_value(pg_get_serial_sequence('study_attempts', 'id'))::text AS last`,
  );
  await tx.query(
    `UPDATE campaign_result_watermark
        SET settled = $1, pending = $2, pending_at = clock_timestamp()`,
    [settled, Number(seq.rows[0]?.last ?? 0)],
  );
}

/**
 * Starts folding the published campaigns not folded yet whose subtree has at least
 * `minMembers` active members; returns their ids. Smaller campaigns stay counted live.
 */
export async function registerCampaigns(
  tx: Queryable,
  minMembers: number,
  at: Date,
): Promise<number[]> {
  const result = await tx.query<{ id: string }>(
    `INSERT INTO campaign_result_folds (campaign_id, folded_at)
     SELECT c.id, $2 FROM study_campaigns c
      WHERE c.status = 'published'
        AND NOT EXISTS (SELECT 1 FROM campaign_result_folds f WHERE f.campaign_id = c.id)
        AND (SELECT coalesce(sum(o.member_count), 0) FROM orgs o
              WHERE o.path <@ c.org_path) >= $1
     RETURNING campaign_id::text AS id`,
    [minMembers, at],
  );
  return result.rows.map((r) => Number(r.id));
}

/**
 * Collects the (campaign, member) pairs whose count may have changed, into a table that lives
 * until commit: members with attempts past the watermark, every member of a campaign just
 * registered, members in progress whose open sitting has been handed in or closed since, and
 * members who moved or were archived or restored (the queue is emptied here). A member in
 * progress who still has an open sitting keeps their status until a new attempt, which the ids
 * find: the exam opens a sitting only once the previous one is closed (study_attempts_open), so
 * when the new one is visible the closing of the old one is too.
 */
export async function collectTouched(tx: Queryable, settled: number, registered: number[]) {
  await tx.query(
    `CREATE TEMP TABLE fold_touched (
       campaign_id bigint NOT NULL, member_id bigint NOT NULL,
       PRIMARY KEY (campaign_id, member_id)) ON COMMIT DROP`,
  );
  const result = await tx.query(
    `WITH changed AS (DELETE FROM campaign_member_changes RETURNING member_id)
     INSERT INTO fold_touched (campaign_id, member_id)
     SELECT a.campaign_id, a.member_id
       FROM study_attempts a JOIN campaign_result_folds f ON f.campaign_id = a.campaign_id
      WHERE a.id > $1
     UNION
     SELECT a.campaign_id, a.member_id FROM study_attempts a
      WHERE a.campaign_id = ANY($2::bigint[])
     UNION
     SELECT s.campaign_id, s.member_id FROM campaign_result_members s
      WHERE s.status = 'in_progress'
        AND NOT EXISTS (SELECT 1 FROM study_attempts a
                         WHERE a.campaign_id = s.campaign_id AND a.member_id = s.member_id
                           AND a.submitted_at IS NULL)
     UNION
     SELECT s.campaign_id, s.member_id
       FROM campaign_result_members s JOIN (SELECT DISTINCT member_id FROM changed) c
         ON c.member_id = s.member_id`,
    [settled, registered],
  );
  // Temporary tables get no statistics by themselves; the recount's plan depends on the size.
  await tx.query("ANALYZE fold_touched");
  return result.rowCount ?? 0;
}

/**
 * Works out each touched member's status from all their attempts and their current branch,
 * stores it, and moves the branch counts by the difference from what was stored before.
 */
export async function recountTouched(tx: Queryable) {
  await tx.query(
    `WITH fresh AS (
       SELECT s.campaign_id, s.member_id, m.org_id, m.archived_at IS NULL AS active,
              ${MEMBER_STATUS} AS status
         FROM (SELECT a.campaign_id, a.member_id, bool_or(a.submitted_at IS NULL) AS open,
                      max(a.score) AS best_score, coalesce(bool_or(a.passed), false) AS passed
                 FROM fold_touched t
                 JOIN study_attempts a
                   ON a.campaign_id = t.campaign_id AND a.member_id = t.member_id
                GROUP BY a.campaign_id, a.member_id) s
         JOIN members m ON m.id = s.member_id),
     old AS (
       SELECT s.campaign_id, s.org_id, s.active, s.status
         FROM campaign_result_members s
         JOIN fold_touched t ON t.campaign_id = s.campaign_id AND t.member_id = s.member_id),
     saved AS (
       INSERT INTO campaign_result_members (campaign_id, member_id, org_id, active, status)
       SELECT campaign_id, member_id, org_id, active, status FROM fresh
        ORDER BY campaign_id, member_id
       ON CONFLICT (campaign_id, member_id) DO UPDATE
         SET org_id = EXCLUDED.org_id, active = EXCLUDED.active, status = EXCLUDED.status
       RETURNING 1),
     delta AS (
       SELECT campaign_id, org_id, sum(d)::int AS started,
              coalesce(sum(d) FILTER (WHERE status = 'in_progress'), 0)::int AS in_progress,
              coalesce(sum(d) FILTER (WHERE status = 'passed'), 0)::int AS passed,
              coalesce(sum(d) FILTER (WHERE status = 'failed'), 0)::int AS failed
         FROM (SELECT campaign_id, org_id, status, 1 AS d FROM fresh WHERE active
               UNION ALL
               SELECT campaign_id, org_id, status, -1 AS d FROM old WHERE active) x
        GROUP BY campaign_id, org_id)
     INSERT INTO campaign_result_counts AS c
       (campaign_id, org_id, started, in_progress, passed, failed)
     SELECT campaign_id, org_id, started, in_progress, passed, failed FROM delta
      WHERE started <> 0 OR in_progress <> 0 OR passed <> 0 OR failed <> 0
      ORDER BY campaign_id, org_id
     ON CONFLICT (campaign_id, org_id) DO UPDATE
       SET started = c.started + EXCLUDED.started,
           in_progress = c.in_progress + EXCLUDED.in_progress,
           passed = c.passed + EXCLUDED.passed,
           failed = c.failed + EXCLUDED.failed`,
  );
}

/** Every folded campaign now counts what was committed before `at`. */
export async function recordFoldTime(tx: Queryable, at: Date) {
  await tx.query("UPDATE campaign_result_folds SET folded_at = $1", [at]);
}

/** When the campaign's results were last folded, or null when they are counted live. */
export async function campaignFoldedAt(db: Queryable, campaignId: number): Promise<Date | null> {
  const result = await db.query<{ at: Date }>(
    "SELECT folded_at AS at FROM campaign_result_folds WHERE campaign_id = $1",
    [campaignId],
  );
  return result.rows[0]?.at ?? null;
}
