// 考试: a sitting's paper, saved answers and the submitted score.
import { z } from "zod";
import { Answer, PaperQuestion } from "../study.schemas.ts";

export const Attempt = z.object({
  id: z.number(),
  campaignId: z.number(),
  attemptNo: z.number(),
  startedAt: z.string(),
  deadlineAt: z.string(),
  serverNow: z.string(),
  questions: z.array(PaperQuestion),
  answers: z.record(z.string(), Answer),
  submittedAt: z.string().nullable(),
  result: z
    .object({
      score: z.number(),
      correct: z.number(),
      total: z.number(),
      passed: z.boolean(),
      passMark: z.number(),
      review: z.array(
        z.object({
          questionId: z.number(),
          correct: z.boolean(),
          answer: z.array(z.string()),
          explanation: z.string(),
        }),
      ),
    })
    .nullable(),
});
export type Attempt = z.infer<typeof Attempt>;

export const SaveAnswersBody = z.strictObject({
  answers: z.record(z.string().max(20), Answer),
});
/** Loose on purpose: a client that sends its own score is refused and audited, not ignored. */
export const SubmitBody = z.looseObject({
  answers: z.record(z.string().max(20), Answer),
});
export const SubmitResponse = z.object({
  attemptId: z.number(),
  score: z.number(),
  correct: z.number(),
  total: z.number(),
  passed: z.boolean(),
  passMark: z.number(),
});
export const SavedResponse = z.object({ savedAt: z.string(), answered: z.number() });
