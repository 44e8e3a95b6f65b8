// 专题学习: campaigns, their paper rules, members' tasks, results and reminders.
import { z } from "zod";
import { CursorQuery, nextCursorField } from "../../../platform/keyset.ts";
import { Material } from "../materials/materials.schemas.ts";
import { ArticleRef, Ids, QuestionType, Title } from "../study.schemas.ts";

export const PaperRule = z.strictObject({
  chapter: z.number().int().min(1).max(50).nullable().default(null),
  type: QuestionType.nullable().default(null),
  count: z.number().int().min(1).max(100),
});
export type PaperRule = z.infer<typeof PaperRule>;

export const CampaignInput = z
  .strictObject({
    orgId: z.number().int().positive(),
    title: Title,
    description: z.string().trim().max(4000).default(""),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    materialIds: Ids.default([]),
    passMark: z.number().int().min(0).max(100),
    timeLimitMinutes: z.number().int().min(1).max(600),
    maxAttempts: z.number().int().min(1).max(10),
    rules: z.array(PaperRule).min(1).max(20),
  })
  .refine((c) => Date.parse(c.endsAt) > Date.parse(c.startsAt), {
    path: ["endsAt"],
    message: "endsAt must be after startsAt",
  });
export type CampaignInput = z.infer<typeof CampaignInput>;

export const Campaign = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  description: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(["draft", "published", "closed", "withdrawn"]),
  materialIds: z.array(z.number()),
  passMark: z.number(),
  timeLimitMinutes: z.number(),
  maxAttempts: z.number(),
  rules: z.array(PaperRule),
  questionCount: z.number(),
  /** Sittings started; one is enough to rule out 撤回. */
  sittings: z.number(),
  withdrawnAt: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  can: z.object({
    edit: z.boolean(),
    publish: z.boolean(),
    withdraw: z.boolean(),
    results: z.boolean(),
  }),
});
export type Campaign = z.infer<typeof Campaign>;

export const WithdrawBody = z.strictObject({
  reason: z.string().trim().min(2).max(500),
});
export const WithdrawResponse = z.object({
  id: z.number(),
  status: z.literal("withdrawn"),
  /** Accounts told by an inbox message. */
  notified: z.number(),
});
export const CampaignList = z.object({ items: z.array(Campaign), nextCursor: nextCursorField });
export const CampaignListQuery = z.strictObject({ ...CursorQuery });

export const Task = z.object({
  campaign: Campaign.omit({ can: true }),
  materials: z.array(Material.extend({ read: z.boolean(), articles: z.array(ArticleRef) })),
  attemptsUsed: z.number(),
  openAttemptId: z.number().nullable(),
  best: z.object({ score: z.number(), passed: z.boolean() }).nullable(),
  lastAttemptId: z.number().nullable(),
});
export const TaskList = z.object({ items: z.array(Task) });

export const ResultsQuery = z.strictObject({
  status: z.enum(["not_started", "in_progress", "passed", "failed"]).optional(),
  ...CursorQuery,
});
export const ResultRow = z.object({
  memberId: z.number(),
  name: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  status: z.enum(["not_started", "in_progress", "passed", "failed"]),
  attempts: z.number(),
  bestScore: z.number().nullable(),
  submittedAt: z.string().nullable(),
});
export type ResultRow = z.infer<typeof ResultRow>;
export const BranchSummary = z.object({
  orgId: z.number(),
  orgName: z.string(),
  members: z.number(),
  notStarted: z.number(),
  inProgress: z.number(),
  passed: z.number(),
  failed: z.number(),
});
export const Results = z.object({
  campaignId: z.number(),
  totals: BranchSummary.omit({ orgId: true, orgName: true }),
  /** When the counts were folded, "YYYY-MM-DD HH:mm" Beijing time; null when counted live. */
  countedAt: z.string().nullable(),
  /** Members counted above who cannot take part: no account, or a disabled one. */
  withoutAccount: z.number(),
  branches: z.array(BranchSummary),
  /** One page of members, by org and name; nextCursor leads to the next. */
  items: z.array(ResultRow),
  nextCursor: nextCursorField,
});

export const RemindBody = z.strictObject({
  target: z.enum(["not_started", "not_passed"]),
});
export const RemindResponse = z.object({ recipients: z.number() });
