import type { Queryable } from "../db/pool.ts";

/**
 * Queues a job in the caller's transaction: if the business change rolls back, so does the
 * job. A jobKey replaces an earlier pending job with the same key (e.g. one reminder per
 * declaration), so rescheduling never duplicates.
 */
export async function scheduleJob(
  tx: Queryable,
  task: string,
  payload: Record<string, unknown>,
  opts: { runAt?: Date; jobKey?: string; maxAttempts?: number } = {},
) {
  await tx.query(
    `SELECT graphile_worker.add_job($1, $2::json, run_at := $3, job_key := $4, max_attempts := $5)`,
    [
      task,
      JSON.stringify(payload),
      opts.runAt ?? null,
      opts.jobKey ?? null,
      opts.maxAttempts ?? 10,
    ],
  );
}
