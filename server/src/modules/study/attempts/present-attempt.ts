import type { AttemptRow } from "./attempts.repo.ts";
import type { Attempt } from "./attempts.schemas.ts";
import { isCorrect, presentPaper } from "./paper.ts";

/** The paper without its key while open; with the key and explanations once submitted. */
export function presentAttempt(a: AttemptRow): Attempt {
  const submitted = a.submittedAt !== null;
  return {
    id: a.id,
    campaignId: a.campaignId,
    attemptNo: a.attemptNo,
    startedAt: a.startedAt,
    deadlineAt: a.deadlineAt,
    serverNow: a.serverNow,
    questions: presentPaper(a.paper),
    answers: a.answers,
    submittedAt: a.submittedAt,
    result: submitted
      ? {
          score: a.score ?? 0,
          correct: a.correct ?? 0,
          total: a.total ?? a.paper.length,
          passed: a.passed ?? false,
          passMark: a.passMark,
          review: a.paper.map((item) => ({
            questionId: item.id,
            correct: isCorrect(item, a.answers[String(item.id)]),
            answer: item.answer,
            explanation: item.explanation,
          })),
        }
      : null,
  };
}
