import { z } from "zod";
import { Id, isControl } from "../orgs/orgs.schemas.ts";
import { Grade, Year } from "./review.schemas.ts";

const Prose = (max: number, min = 0) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine(
      (s) => ![...s].some((c) => isControl(c) && c !== "\n" && c !== "\r"),
      "control characters are not allowed",
    );

export const RoundParams = z.strictObject({ id: Id });
export const OpenRoundBody = z.strictObject({
  orgId: z.number().int().positive(),
  year: z.number().int().min(2000).max(2100),
});
export const RoundListQuery = z.strictObject({ orgId: Id.optional(), year: Year.optional() });
export const SummaryBody = z.strictObject({ summary: Prose(10_000, 1), suggestedGrade: Grade });
export const VoteBody = z.strictObject({
  memberId: z.number().int().positive(),
  grade: Grade,
  /** The receipt of an earlier vote on this member: present when changing it. */
  receipt: z
    .string()
    .regex(/^[A-Za-z0-9_-]{22}$/)
    .optional(),
});
export type VoteBody = z.infer<typeof VoteBody>;
export const VoteReceipt = z.object({ receipt: z.string() });
export const DecisionBody = z.strictObject({
  memberId: z.number().int().positive(),
  grade: Grade,
  reason: Prose(2000).optional(),
});
export type DecisionBody = z.infer<typeof DecisionBody>;

export const Tally = z.object({
  excellent: z.number(),
  competent: z.number(),
  basically_competent: z.number(),
  incompetent: z.number(),
});
export type Tally = z.infer<typeof Tally>;

export const RoundSummary = z.object({
  id: z.number(),
  org: z.object({ id: z.number(), name: z.string() }),
  year: z.number(),
  status: z.enum(["open", "closed"]),
  subjects: z.number(),
  decided: z.number(),
});
export type RoundSummary = z.infer<typeof RoundSummary>;

export const RoundDetail = RoundSummary.extend({
  members: z.array(
    z.object({
      memberId: z.number(),
      name: z.string(),
      mayVote: z.boolean(),
      summary: z.string(),
      suggestedGrade: Grade.nullable(),
      votedByMe: z.boolean(),
      /** Vote counts: for the organization, once voting has closed. */
      tally: Tally.nullable(),
      finalGrade: Grade.nullable(),
      finalReason: z.string().nullable(),
    }),
  ),
  followups: z.array(
    z.object({ memberId: z.number(), reason: z.string(), status: z.enum(["open", "closed"]) }),
  ),
  me: z.object({ memberId: z.number(), mayVote: z.boolean() }).nullable(),
  can: z.object({ manage: z.boolean(), vote: z.boolean() }),
});
export type RoundDetail = z.infer<typeof RoundDetail>;

/** 处置: follow-ups that a grade of 不合格 opened, listed for the org that acts on them. */
export const FollowupParams = z.strictObject({ id: Id });
export const FollowupQuery = z.strictObject({
  orgId: Id.optional(),
  roundId: Id.optional(),
  status: z.enum(["open", "closed"]).optional(),
});
export type FollowupQuery = z.infer<typeof FollowupQuery>;
export const CloseFollowupBody = z.strictObject({
  /** What was done: 谈心谈话, 限期改正, 组织处置 ... */
  measures: Prose(5000, 2),
  /** How it ended, in the organization's words. */
  outcome: Prose(2000, 2),
});
export type CloseFollowupBody = z.infer<typeof CloseFollowupBody>;
export const Followup = z.object({
  id: z.number(),
  round: z.object({ id: z.number(), year: z.number(), orgName: z.string() }),
  member: z.object({ id: z.number(), name: z.string() }),
  reason: z.string(),
  status: z.enum(["open", "closed"]),
  openedAt: z.string(),
  measures: z.string().nullable(),
  outcome: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  can: z.object({ close: z.boolean() }),
});
export type Followup = z.infer<typeof Followup>;
export const FollowupList = z.object({ items: z.array(Followup) });
