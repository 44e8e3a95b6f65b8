import type { Task } from "graphile-worker";
import type { AppContext } from "../context.ts";

/**
 * A background task a module contributes: deadlines, reminders, escalations. The handler
 * receives the app context, so it uses the same services (and audit) as the routes do.
 */
export interface JobDefinition {
  name: string;
  handler: (payload: unknown, ctx: AppContext) => Promise<void>;
  /** Optional crontab schedule (graphile-worker syntax), e.g. "0 1 * * *" for 01:00 daily. */
  cron?: string;
}

export function taskList(jobs: JobDefinition[], ctx: AppContext): Record<string, Task> {
  return Object.fromEntries(
    jobs.map((job) => [job.name, async (payload: unknown) => job.handler(payload, ctx)]),
  );
}

export function crontab(jobs: JobDefinition[]): string {
  return jobs
    .filter((job) => job.cron)
    .map((job) => `${job.cron} ${job.name}`)
    .join("\n");
}
