import type { JobDefinition } from "../../platform/jobs/registry.ts";
import { CASE_DEADLINE_JOB, type DeadlinePayload, runCaseDeadline } from "./core/case-deadlines.ts";
import { eraseExpiredCases } from "./core/erase-expired-cases.ts";
import { FILER_NOTICES_JOB, sendFilerNotices } from "./core/filer-notices.ts";
import {
  DISCIPLINE_DEADLINE_JOB,
  type DisciplineDeadline,
  runDisciplineDeadline,
} from "./discipline/discipline-notify.ts";

export const casesJobs: JobDefinition[] = [
  {
    name: CASE_DEADLINE_JOB,
    handler: async (payload, ctx) => {
      await runCaseDeadline(ctx, payload as DeadlinePayload);
    },
  },
  {
    name: DISCIPLINE_DEADLINE_JOB,
    handler: async (payload, ctx) => {
      await runDisciplineDeadline(ctx, payload as DisciplineDeadline);
    },
  },
  {
    // 09:00 and 17:00 Beijing (the crontab is UTC): filers hear of news twice a day, in a batch.
    name: FILER_NOTICES_JOB,
    cron: "0 1,9 * * *",
    handler: async (_payload, ctx) => {
      await sendFilerNotices(ctx);
    },
  },
  {
    // Nightly, when nobody is handling cases.
    name: "cases_erase_expired",
    cron: "30 2 * * *",
    handler: async (_payload, ctx) => {
      await eraseExpiredCases(ctx);
    },
  },
];
