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
