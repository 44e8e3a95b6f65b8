import { Logger, type Runner, run, runMigrations, runOnce } from "graphile-worker";
import { jobs } from "../../modules/jobs.ts";
import type { AppContext } from "../context.ts";
import { crontab, taskList } from "./registry.ts";

/** graphile-worker keeps its queue in its own schema in our database; no other service. */
export async function migrateJobs(ctx: AppContext) {
  await runMigrations({ pgPool: ctx.db, logger: quietLogger });
}

export async function startJobs(ctx: AppContext): Promise<Runner> {
  return run({
    pgPool: ctx.db,
    concurrency: 2,
    noHandleSignals: true,
    pollInterval: 1000,
    taskList: taskList(jobs, ctx),
    crontab: crontab(jobs),
    logger: quietLogger,
  });
}

/** Runs every job that is due now, then returns: how tests drive deadlines. */
export async function runDueJobs(ctx: AppContext) {
  await runOnce({ pgPool: ctx.db, taskList: taskList(jobs, ctx), logger: quietLogger });
}

const quietLogger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") process.stderr.write(`[jobs] ${message}\n`);
});
