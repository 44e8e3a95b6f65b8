import { z } from "zod";

export const TASK_KINDS = [
  "study",
  "practice",
  "selfReview",
  "vote",
  "rectification",
  "attestation",
  "declaration",
  "defence",
  "appeal",
] as const;

/** One thing a member has to do, with where to do it and by when. */
export const Task = z.object({
  kind: z.enum(TASK_KINDS),
  title: z.string(),
  /** A word on the state: 被退回, 已逾期, 未完成… (already in the caller's language). */
  note: z.string().nullable(),
  /** ISO date or date-time; null when there is no deadline (daily practice). */
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  link: z.string(),
});
export type Task = z.infer<typeof Task>;

/** A campaign in progress: how far the org's members are. */
export const CampaignProgress = z.object({
  id: z.number(),
  title: z.string(),
  endsAt: z.string(),
  members: z.number(),
  notStarted: z.number(),
  passed: z.number(),
});

/** Open items of one org the caller manages or oversees (its whole subtree). */
export const OrgSummary = z.object({
  orgId: z.number(),
  orgName: z.string(),
  members: z.number(),
  /** Members who cannot sign in: no account, or a disabled one. */
  withoutAccount: z.number(),
  selfReviewsToCheck: z.number(),
  rectificationsOpen: z.number(),
  rectificationsOverdue: z.number(),
  rectificationsDueSoon: z.number(),
  /** Reported done by their owners, waiting for the secretary to 销号 or return them. */
  rectificationsToClose: z.number(),
  campaigns: z.array(CampaignProgress),
  /** Links the summary leads to, by what the caller may open. */
  can: z.object({ members: z.boolean(), study: z.boolean(), review: z.boolean() }),
});
export type OrgSummary = z.infer<typeof OrgSummary>;

export const Workbench = z.object({
  /** The member's own tasks; null for an account without a member record. */
  tasks: z.array(Task).nullable(),
  orgs: z.array(OrgSummary),
});
export type Workbench = z.infer<typeof Workbench>;
