import type { JobDefinition } from "../../platform/jobs/registry.ts";
import { vacuumBallots } from "./evaluation/ballots.repo.ts";
import { VACUUM_BALLOTS } from "./evaluation/close-round.ts";
import { remindOverdue } from "./rectification/remind-overdue.ts";

export const reviewJobs: JobDefinition[] = [
  // Daily at 08:00 server time, so reminders are waiting when the working day starts.
  {
    // graphile-worker's crontab accepts no dots in task names.
    name: "review_remind_overdue",
    cron: "0 8 * * *",
    handler: async (_payload, ctx) => {
      await remindOverdue(ctx);
    },
  },
  {
    name: VACUUM_BALLOTS,
    handler: async (_payload, ctx) => vacuumBallots(ctx.db),
  },
];
