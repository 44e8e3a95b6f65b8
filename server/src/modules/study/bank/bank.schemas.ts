// 题库: questions written, edited, reviewed, generated, imported and exported.
import { z } from "zod";
import { Ids, QuestionType, Text } from "../study.schemas.ts";

export const QuestionInput = z.strictObject({
  orgId: z.number().int().positive(),
  type: QuestionType,
  stem: Text,
  options: z.array(z.string().trim().min(1).max(300)).max(8).default([]),
  answer: z.array(z.string().trim().min(1).max(200)).min(1).max(8),
  explanation: Text,
  articleIds: Ids.min(1),
});
export type QuestionInput = z.infer<typeof QuestionInput>;

/** An edit rewrites the content; the bank (org) a question belongs to stays. */
export const QuestionEdit = QuestionInput.omit({ orgId: true });
export type QuestionEdit = z.infer<typeof QuestionEdit>;
/** `revisionOf` is set when the edit became a new revision instead of changing the row. */
export const QuestionEdited = z.object({
  id: z.number(),
  revisionOf: z.number().nullable(),
  status: z.literal("draft"),
});

export const Question = z.object({
  id: z.number(),
  orgId: z.number(),
  type: QuestionType,
  stem: z.string(),
  options: z.array(z.string()),
  answer: z.array(z.string()),
  explanation: z.string(),
  articleIds: z.array(z.number()),
  chapterNumber: z.number().nullable(),
  status: z.enum(["draft", "approved", "flagged", "retired"]),
  origin: z.enum(["manual", "generated", "imported"]),
  flagReason: z.string().nullable(),
  /** The approved question this draft rewrites; approving it retires that one. */
  revisionOf: z.number().nullable(),
  createdAt: z.string(),
});
export type Question = z.infer<typeof Question>;

export const QuestionListQuery = z.strictObject({
  status: z.enum(["draft", "approved", "flagged", "retired"]).optional(),
  type: QuestionType.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const QuestionPage = z.object({ items: z.array(Question), total: z.number() });

export const ReviewBody = z.strictObject({
  decision: z.enum(["approve", "retire"]),
});

/** Ticked rows of the bank list, reviewed together (all or none). */
export const BatchReviewBody = z.strictObject({
  ids: z
    .array(
      z
        .number()
        .int()
        .positive()
        .max(2 ** 53),
    )
    .min(1)
    .max(200),
  decision: z.enum(["approve", "retire"]),
});
export const BatchReviewResponse = z.object({
  reviewed: z.number(),
  status: z.enum(["approved", "retired"]),
});

/** Which articles to draft from (none: the whole regulation), which kinds, and how many. */
export const GenerateBody = z.strictObject({
  orgId: z.number().int().positive(),
  articleIds: z
    .array(
      z
        .number()
        .int()
        .positive()
        .max(2 ** 53),
    )
    .max(1000)
    .default([]),
  types: z.array(QuestionType).max(4).default([]),
  limit: z.number().int().min(1).max(200).default(30),
});
export type GenerateBody = z.infer<typeof GenerateBody>;
/** `skipped`: drafts whose stem the bank (this org's or one above) already holds. */
export const GenerateResponse = z.object({
  created: z.number(),
  skipped: z.number(),
  /** Drafts that were new but over the limit: another run offers them. */
  remaining: z.number(),
});
export const FlagResponse = z.object({ flagged: z.number() });

export const ImportPreview = z.object({
  rows: z.array(
    z.object({
      row: z.number(),
      stem: z.string(),
      errors: z.array(z.object({ column: z.string(), message: z.string() })),
    }),
  ),
  valid: z.number(),
  invalid: z.number(),
});
export const ImportResult = z.object({ created: z.number() });
export const ImportQuery = z.strictObject({ orgId: z.coerce.number().int().positive() });
