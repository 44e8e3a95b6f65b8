import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { InvalidState } from "../../../platform/errors.ts";
import { isCorrect } from "../attempts/paper.ts";
import { questionsByIds } from "../bank/questions.repo.ts";
import { requireTaker } from "../study.policy.ts";
import type { Answer } from "../study.schemas.ts";
import { notInPaper, refuse } from "../study-refusals.ts";
import { review, reviveCard } from "./fsrs-schedule.ts";
import {
  chinaToday,
  findDay,
  memberCards,
  recordPracticeAnswer,
  upsertCard,
} from "./practice.repo.ts";
import { DAILY_POINTS_CAP, pointsFor } from "./practice-rules.ts";

/**
 * One practice answer: scored here, each cited article's FSRS card reviewed (Good or Again),
 * points added up to the daily cap. A question answers once; only today's set is accepted.
 */
export async function answerPractice(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  input: { questionId: number; answer: Answer },
) {
  const member = await requireTaker(db, actor);
  const today = await chinaToday(db);
  const key = String(input.questionId);
  return withTx(db, async (tx) => {
    const day = await findDay(tx, member.id, today, true);
    if (!day?.questionIds.includes(input.questionId)) {
      return refuse(db, audit, notInPaper([key]), {
        entityType: "study_practice",
        entityId: member.id,
        orgPath: member.orgPath,
        details: { day: today, questionId: input.questionId },
      });
    }
    if (key in day.results) {
      throw new InvalidState(
        {
          "zh-CN": "这道题今天已经答过了",
          "en-US": "You have already answered this question today",
        },
        "study_already_answered",
      );
    }
    const [q] = await questionsByIds(tx, [input.questionId]);
    if (!q)
      throw new InvalidState({ "zh-CN": "该题已下线", "en-US": "This question was withdrawn" });
    const correct = isCorrect(q, input.answer);
    const points = Math.min(DAILY_POINTS_CAP, day.points + pointsFor(correct));
    const completed = Object.keys(day.results).length + 1 >= day.questionIds.length;
    await recordPracticeAnswer(tx, member.id, today, q.id, correct, points, completed);
    const now = new Date();
    const cards = new Map((await memberCards(tx, member.id)).map((c) => [c.articleId, c.card]));
    for (const articleId of q.articleIds) {
      const next = review(reviveCard(cards.get(articleId) ?? null, now), correct, now);
      await upsertCard(tx, member.id, articleId, next.due, next);
    }
    await recordAudit(tx, audit, {
      action: "study.practice.answer",
      entityType: "study_practice",
      entityId: member.id,
      orgPath: member.orgPath,
      after: { day: today, questionId: q.id, correct, points },
    });
    return {
      correct,
      answer: q.answer,
      explanation: q.explanation,
      pointsAwarded: points - day.points,
      points,
      completed,
    };
  });
}
