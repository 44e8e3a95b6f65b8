// 每日一练 and the branch's optional rankings.
import { z } from "zod";
import { Answer, PaperQuestion } from "../study.schemas.ts";

export const PracticeQuestion = PaperQuestion.extend({
  result: z.enum(["correct", "wrong"]).nullable(),
});
export const PracticeDay = z.object({
  day: z.string(),
  questions: z.array(PracticeQuestion),
  points: z.number(),
  dailyCap: z.number(),
  totalPoints: z.number(),
  streak: z.number(),
  completed: z.boolean(),
});
export const PracticeAnswerBody = z.strictObject({
  questionId: z.number().int().positive(),
  answer: Answer,
});
export const PracticeAnswerResponse = z.object({
  correct: z.boolean(),
  answer: z.array(z.string()),
  explanation: z.string(),
  pointsAwarded: z.number(),
  points: z.number(),
  completed: z.boolean(),
});

export const SettingsBody = z.strictObject({ rankingsEnabled: z.boolean() });
export const Settings = z.object({ orgId: z.number(), rankingsEnabled: z.boolean() });
export const Ranking = z.object({
  orgId: z.number(),
  orgName: z.string(),
  /** Off until the branch turns rankings on; then items stays empty. */
  enabled: z.boolean(),
  items: z.array(z.object({ rank: z.number(), name: z.string(), points: z.number() })),
});
