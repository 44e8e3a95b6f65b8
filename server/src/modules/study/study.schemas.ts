// Schemas the study sub-capabilities share: question kinds, ids, answers, article refs.
import { z } from "zod";

export const QUESTION_TYPES = ["single", "multiple", "true_false", "fill_blank"] as const;
export const QuestionType = z.enum(QUESTION_TYPES);
export type QuestionType = z.infer<typeof QuestionType>;

export const IdParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53),
});

export const Ids = z
  .array(
    z
      .number()
      .int()
      .positive()
      .max(2 ** 53),
  )
  .max(50);
export const Title = z.string().trim().min(1).max(200);
export const Text = z.string().trim().min(1).max(2000);

/** An answer: option keys ("0", "2"), "true"/"false", or the one fill-in. */
export const Answer = z.array(z.string().max(200)).max(10);
export type Answer = z.infer<typeof Answer>;

/** An article in force, with what the regulation reader's link needs. */
export const ArticleRef = z.object({
  id: z.number(),
  documentId: z.number(),
  number: z.number(),
  sub: z.number(),
  label: z.string(),
  chapterNumber: z.number().nullable(),
  chapterLabel: z.string().nullable(),
  chapterHeading: z.string().nullable(),
});
export const ArticleList = z.object({ items: z.array(ArticleRef) });

export const PaperQuestion = z.object({
  id: z.number(),
  type: QuestionType,
  stem: z.string(),
  options: z.array(z.object({ key: z.string(), text: z.string() })),
  articleIds: z.array(z.number()),
});
