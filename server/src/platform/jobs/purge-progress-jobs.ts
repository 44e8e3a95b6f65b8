import { purgeJobs } from "../progress-jobs.repo.ts";
import type { JobDefinition } from "./registry.ts";

/**
 * How long a finished job's record is kept. Long enough to read the outcome of a task started
 * before a weekend's restart; short, because a preview's answer holds names from the file.
 */
export const KEEP_DAYS = 3;

export const PURGE_PROGRESS_JOBS = "progress_jobs_purge";

/** Daily at 03:40: deletes progress records older than KEEP_DAYS. */
export const purgeProgressJobs: JobDefinition = {
  name: PURGE_PROGRESS_JOBS,
  cron: "40 3 * * *",
  handler: async (_payload, ctx) => {
    await purgeJobs(ctx.db, KEEP_DAYS);
  },
};
