import { EventEmitter } from "node:events";
import {
  Logger,
  type Runner,
  run,
  runMigrations,
  runOnce,
  type WorkerEvents,
} from "graphile-worker";
import { jobs } from "../../modules/jobs.ts";
import type { AppContext } from "../context.ts";
import type { Db } from "../db/pool.ts";
import { JobLiveness } from "./liveness.ts";
import { crontab, taskList } from "./registry.ts";

/** graphile-worker keeps its queue in its own schema in our database; no other service. */
export async function migrateJobs(owner: Db) {
  await runMigrations({ pgPool: owner, logger: quietLogger });
}

/**
 * Starts the job runner. Before it takes any job, this process's liveness lock is held and
 * the jobs of processes that died are released (liveness.ts). graphile-worker (0.17) locks a
 * job under the id of the worker pool that took it, not of the single worker that runs it, so
 * the pool's id is what is recorded as this process's, as the pool is created and before any
 * of its workers can lock a job.
 */
export async function startJobs(
  ctx: AppContext,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<Pick<Runner, "stop">> {
  const liveness = new JobLiveness(ctx.db, log);
  await liveness.start();
  const events: WorkerEvents = new EventEmitter();
  const registered: Promise<void>[] = [];
  events.on("pool:create", ({ workerPool }) => {
    registered.push(liveness.register(workerPool.id));
  });
  const runner = await run({
    pgPool: ctx.db,
    concurrency: 2,
    noHandleSignals: true,
    pollInterval: 1000,
    taskList: taskList(jobs, ctx),
    crontab: crontab(jobs),
    logger: quietLogger,
    events,
  });
  await Promise.all(registered);
  return {
    stop: async () => {
      await runner.stop();
      await liveness.stop();
    },
  };
}

/** Runs every job that is due now, then returns: how tests drive deadlines. */
export async function runDueJobs(ctx: AppContext) {
  await runOnce({ pgPool: ctx.db, taskList: taskList(jobs, ctx), logger: quietLogger });
}

const quietLogger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") process.stderr.write(`[jobs] ${message}\n`);
});
