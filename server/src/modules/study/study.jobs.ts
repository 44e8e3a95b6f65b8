import { systemActor } from "../../platform/audit/record.ts";
import type { JobDefinition } from "../../platform/jobs/registry.ts";
import {
  CLOSE_ATTEMPT_JOB,
  closeExpiredAttempt,
  parseAttemptPayload,
} from "./attempts/close-attempt.ts";
import { flagChangedQuestions } from "./bank/flag-changed-questions.ts";
import {
  DEADLINE_NEAR_JOB,
  parseCampaignPayload,
  remindBeforeDeadline,
} from "./campaigns/campaign-notices.ts";
import { foldCampaignResults } from "./campaigns/fold-campaign-results.ts";

/**
 * Closing sittings at their deadline, hourly flagging of questions on changed articles, and
 * folding large campaigns' results every minute (crontab's finest step).
 */
export const studyJobs: JobDefinition[] = [
  {
    name: CLOSE_ATTEMPT_JOB,
    handler: async (payload, ctx) => {
      const id = parseAttemptPayload(payload);
      if (id !== null) await closeExpiredAttempt(ctx.db, id);
    },
  },
  {
    name: DEADLINE_NEAR_JOB,
    handler: async (payload, ctx) => {
      const id = parseCampaignPayload(payload);
      if (id !== null) await remindBeforeDeadline(ctx.db, id);
    },
  },
  {
    // graphile-worker's crontab accepts no dots in task names.
    name: "study_flag_changed_questions",
    cron: "17 * * * *",
    handler: async (_payload, ctx) => {
      await flagChangedQuestions(ctx.db, systemActor);
    },
  },
  {
    name: "campaign_results_fold",
    cron: "* * * * *",
    handler: async (_payload, ctx) => {
      await foldCampaignResults(ctx.db);
    },
  },
];
