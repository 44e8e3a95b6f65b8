import { z } from "zod";
import { CursorQuery, nextCursorField } from "../../../platform/keyset.ts";
import { DateOnly } from "../../members/members.schemas.ts";
import { Id, isControl } from "../../orgs/orgs.schemas.ts";
import { Grade, Year } from "../review.schemas.ts";

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
  /** The last day of each step: 个人总结, 投票, 评定, in that order. */
  summaryDue: DateOnly.optional(),
  voteDue: DateOnly.optional(),
  decideDue: DateOnly.optional(),
});
export type OpenRoundBody = z.infer<typeof OpenRoundBody>;
export const RoundListQuery = z.strictObject({
  orgId: Id.optional(),
  year: Year.optional(),
  ...CursorQuery,
});
export type RoundListQuery = z.infer<typeof RoundListQuery>;
export const SummaryBody = z.strictObject({ summary: Prose(10_000, 1), suggestedGrade: Grade });
const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, "64 lowercase hex characters");
const Proof = z.strictObject({ c: Hex64, v: Hex64 });
/** An encrypted grade: one ciphertext per grade, each proved 0 or 1, and their sum proved 1. */
export const SealedBallot = z.strictObject({
  choices: z
    .array(
      z.strictObject({
        a: Hex64,
        b: Hex64,
        proof: z.strictObject({ c0: Hex64, v0: Hex64, c1: Hex64, v1: Hex64 }),
      }),
    )
    .length(4),
  sumProof: Proof,
});
export const VoteBody = z.strictObject({
  memberId: z.number().int().positive(),
  ballot: SealedBallot,
});
export type VoteBody = z.infer<typeof VoteBody>;
export const VoteReceipt = z.object({ trackingCode: z.string() });
export const TrusteeKeyBody = z.strictObject({ publicKey: Hex64, proof: Proof });
export type TrusteeKeyBody = z.infer<typeof TrusteeKeyBody>;
export const DecryptionBody = z.strictObject({
  shares: z
    .array(
      z.strictObject({
        memberId: z.number().int().positive(),
        grade: Grade,
        d: Hex64,
        proof: Proof,
      }),
    )
    .min(1)
    .max(4000),
});
export type DecryptionBody = z.infer<typeof DecryptionBody>;
export const PublishedBallots = z.object({
  items: z.array(z.object({ trackingCode: z.string(), memberId: z.number() })),
});
export const TrusteesBody = z.strictObject({
  memberIds: z
    .array(z.number().int().positive())
    .min(2)
    .max(5)
    .refine((ids) => new Set(ids).size === ids.length, "trustees must be different members"),
});
export type TrusteesBody = z.infer<typeof TrusteesBody>;
export const DecisionBody = z.strictObject({
  memberId: z.number().int().positive(),
  grade: Grade,
  reason: Prose(2000).optional(),
});
export type DecisionBody = z.infer<typeof DecisionBody>;
/** 其余评为合格: one grade for every member not yet decided, in a large branch. */
export const DecideRestBody = z.strictObject({
  grade: z.enum(["excellent", "competent", "basically_competent"]),
  /** How many the secretary saw undecided when confirming; a different number is a 409. */
  expected: z.number().int().min(1),
});
export type DecideRestBody = z.infer<typeof DecideRestBody>;

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
  /** 个人总结 → 投票 → 评定 → 完成, with each step's planned last day. */
  phase: z.enum(["summary", "voting", "deciding", "done"]),
  phaseDates: z.object({
    summaryDue: z.string().nullable(),
    voteDue: z.string().nullable(),
    decideDue: z.string().nullable(),
  }),
  /**
   * When ballots are taken: from the day after 个人总结 is due through 投票's last day (null
   * where the round has no timetable), and where today falls against that.
   */
  votingWindow: z.object({
    opensOn: z.string().nullable(),
    closesOn: z.string().nullable(),
    state: z.enum(["before", "open", "after"]),
  }),
  /**
   * 应到/实到: full members with a vote, how many of them have voted on anyone, and how many
   * of the expected have no account that signs in, so could not vote here.
   */
  turnout: z.object({ expected: z.number(), voted: z.number(), withoutAccount: z.number() }),
  /** Fewer ballots than this on a member and their per-grade counts are withheld. */
  minBallotsForCounts: z.number(),
  scheme: z.enum(["plain", "encrypted"]),
  /** What ballots are encrypted to, once every trustee has made a key. */
  jointKey: z.string().nullable(),
  counted: z.boolean(),
  trustees: z.array(
    z.object({
      memberId: z.number(),
      name: z.string(),
      keyed: z.boolean(),
      publicKey: z.string().nullable(),
      shared: z.boolean(),
    }),
  ),
  /** After the close: the sums of the ballots per member and grade, for the trustees. */
  encryptedTallies: z.array(
    z.object({ memberId: z.number(), grade: Grade, a: z.string(), b: z.string() }),
  ),
  members: z.array(
    z.object({
      memberId: z.number(),
      name: z.string(),
      mayVote: z.boolean(),
      summary: z.string(),
      suggestedGrade: Grade.nullable(),
      votedByMe: z.boolean(),
      /** The caller's own ballot on this member, by its tracking code. */
      trackingCode: z.string().nullable(),
      /** Ballots cast on this member: for the organization, once counted. */
      ballots: z.number().nullable(),
      /**
       * Vote counts: for the organization, once counted, and only when enough voted that no
       * voter can subtract their own ballot and read another's.
       */
      tally: Tally.nullable(),
      withheld: z.boolean(),
      finalGrade: Grade.nullable(),
      finalReason: z.string().nullable(),
    }),
  ),
  followups: z.array(
    z.object({ memberId: z.number(), reason: z.string(), status: z.enum(["open", "closed"]) }),
  ),
  me: z.object({ memberId: z.number(), mayVote: z.boolean() }).nullable(),
  can: z.object({
    manage: z.boolean(),
    vote: z.boolean(),
    key: z.boolean(),
    decrypt: z.boolean(),
    chooseTrustees: z.boolean(),
    restart: z.boolean(),
  }),
});
export type RoundDetail = z.infer<typeof RoundDetail>;

/** 处置: follow-ups that a grade of 不合格 opened, listed for the org that acts on them. */
export const FollowupParams = z.strictObject({ id: Id });
export const FollowupQuery = z.strictObject({
  orgId: Id.optional(),
  roundId: Id.optional(),
  status: z.enum(["open", "closed"]).optional(),
  ...CursorQuery,
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
export const FollowupList = z.object({ items: z.array(Followup), nextCursor: nextCursorField });
