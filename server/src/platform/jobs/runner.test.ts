/**
 * The liveness sweep can only free what it knows the lock holder by: this proves that the id a
 * running job is really locked by is the one the runner recorded as its process's. With
 * graphile-worker 0.17 that is the worker pool's id; recording each worker's own id (as was
 * done) left a killed server's jobs to graphile-worker's 4-hour reset.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testContext } from "../../../test/db.ts";
import { ROLLUPS_FOLD } from "../../modules/rollups/rollups.jobs.ts";
import type { AppContext } from "../context.ts";
import { startJobs } from "./runner.ts";
import { scheduleJob } from "./schedule.ts";

let ctx: AppContext;

beforeAll(async () => {
  ctx = await testContext();
});

describe("the job runner's liveness record", () => {
  let runner: Awaited<ReturnType<typeof startJobs>> | undefined;
  afterAll(async () => {
    await runner?.stop();
  });

  it("names the id a running job is locked by", async () => {
    // The fold waits for the rollups lock while this connection holds it, so the job stays
    // running (locked) for as long as the test looks at it. The test's connection is its own,
    // outside the app's pool of 5: when a minute turns, the every-minute cron adds a second
    // fold that blocks too, and with the runner's lock and listener they held the whole pool;
    // a CI run timed out waiting for a pooled connection.
    const own = new pg.Client({ connectionString: ctx.config.databaseUrl });
    await own.connect();
    try {
      await own.query("SELECT pg_advisory_lock(hashtext('wanggui.rollups'))");
      runner = await startJobs(ctx, () => {});
      await scheduleJob(ctx.db, ROLLUPS_FOLD, {}, { jobKey: "runner-test-fold" });
      let lockedBy: string | null = null;
      for (let i = 0; i < 200 && !lockedBy; i += 1) {
        const job = await own.query<{ locked_by: string | null }>(
          "SELECT locked_by FROM graphile_worker.jobs WHERE key = 'runner-test-fold'",
        );
        lockedBy = job.rows[0]?.locked_by ?? null;
        if (!lockedBy) await new Promise((r) => setTimeout(r, 100));
      }
      expect(lockedBy).not.toBeNull();
      const owners = await own.query<{ worker_id: string }>(
        "SELECT worker_id FROM job_worker_owners",
      );
      expect(owners.rows.map((r) => r.worker_id)).toContain(lockedBy);
    } finally {
      await own.end();
    }
  }, 60_000);
});
