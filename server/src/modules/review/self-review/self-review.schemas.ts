import { z } from "zod";
import { Id } from "../../orgs/orgs.schemas.ts";
import { Line, MeetingKind, Prose } from "../review.schemas.ts";

export const SelfReviewParams = z.strictObject({ id: Id });

export const ChecklistAnswer = z.enum(["meets", "gap"]);
export const DraftBody = z.strictObject({
  overview: Prose(10_000).optional(),
  items: z
    .array(
      z.strictObject({
        seq: z.number().int().min(1).max(1000),
        answer: ChecklistAnswer.nullable(),
        problem: Prose(5000).optional(),
        cause: Prose(5000).optional(),
        measure: Prose(5000).optional(),
      }),
    )
    .max(200),
});
export type DraftBody = z.infer<typeof DraftBody>;

export const ReturnBody = z.strictObject({ comment: Line(1000) });

export const SelfReviewDetail = z.object({
  id: z.number(),
  meeting: z.object({
    id: z.number(),
    kind: MeetingKind,
    topic: z.string(),
    heldOn: z.string(),
    orgName: z.string(),
  }),
  member: z.object({ id: z.number(), name: z.string(), isCadre: z.boolean() }),
  status: z.enum(["draft", "submitted", "returned"]),
  overview: z.string(),
  returnComment: z.string().nullable(),
  submittedAt: z.string().nullable(),
  items: z.array(
    z.object({
      seq: z.number(),
      articleLabel: z.string(),
      provisionText: z.string(),
      answer: ChecklistAnswer.nullable(),
      problem: z.string(),
      cause: z.string(),
      measure: z.string(),
    }),
  ),
  can: z.object({ edit: z.boolean(), return: z.boolean() }),
});
export type SelfReviewDetail = z.infer<typeof SelfReviewDetail>;

export const MyReviews = z.object({
  items: z.array(
    z.object({
      selfReviewId: z.number(),
      meetingId: z.number(),
      kind: MeetingKind,
      topic: z.string(),
      heldOn: z.string(),
      orgName: z.string(),
      status: z.enum(["draft", "submitted", "returned"]),
    }),
  ),
});
