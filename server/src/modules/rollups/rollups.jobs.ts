import type { JobDefinition } from "../../platform/jobs/registry.ts";
import { foldRollups } from "./fold-rollups.ts";

export const ROLLUPS_FOLD = "rollups_fold";

export const rollupsJobs: JobDefinition[] = [
  // Every minute (crontab's finest step): a dashboard is at most about a minute behind.
  {
    name: ROLLUPS_FOLD,
    cron: "* * * * *",
    handler: async (_payload, ctx) => {
      await foldRollups(ctx.db);
    },
  },
];
