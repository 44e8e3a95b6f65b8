import type { JobDefinition } from "../../platform/jobs/registry.ts";
import {
  noticeOverdue,
  parseCampaignPayload,
  remindBeforeDue,
} from "./attestation/attestation-notices.ts";
import { DUE_NEAR_JOB, OVERDUE_JOB } from "./attestation/open-campaign.ts";
import { remindUndeclared } from "./declarations/declaration-notices.ts";
import { DECLARATION_DUE_JOB } from "./declarations/open-declaration-campaign.ts";

/** Attestation and declaration reminders, queued at a campaign's opening for its deadline. */
export const registryJobs: JobDefinition[] = [
  {
    name: DUE_NEAR_JOB,
    handler: async (payload, ctx) => {
      const id = parseCampaignPayload(payload);
      if (id !== null) await remindBeforeDue(ctx.db, id);
    },
  },
  {
    name: OVERDUE_JOB,
    handler: async (payload, ctx) => {
      const id = parseCampaignPayload(payload);
      if (id !== null) await noticeOverdue(ctx.db, id);
    },
  },
  {
    name: DECLARATION_DUE_JOB,
    handler: async (payload, ctx) => {
      const id = parseCampaignPayload(payload);
      if (id !== null) await remindUndeclared(ctx.db, id);
    },
  },
];
