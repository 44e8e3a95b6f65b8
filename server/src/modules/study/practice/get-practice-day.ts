import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { presentPaper, seededRandom, shuffle } from "../attempts/paper.ts";
import { approvedPool, questionsByIds } from "../bank/questions.repo.ts";
import { requireTaker } from "../study.policy.ts";
import { pickArticles, reviveCard } from "./fsrs-schedule.ts";
import {
  chinaToday,
  findDay,
  insertDay,
  memberCards,
  recentDays,
  totalPoints,
} from "./practice.repo.ts";
import { DAILY_POINTS_CAP, DAILY_QUESTIONS, streak } from "./practice-rules.ts";

/**
 * Today's practice. The set is chosen on the first visit of the day (FSRS: weakest articles
 * first, one question per article) and kept, so a reload shows the same questions. Fixing the
 * set writes a row that decides what the member is asked and scored on today, so it is a
 * state change and is audited in the same transaction; later visits only read.
 */
export async function getPracticeDay(db: Db, actor: Actor, audit: AuditActor) {
  const member = await requireTaker(db, actor);
  const today = await chinaToday(db);
  let day = await findDay(db, member.id, today);
  if (!day) {
    const now = new Date();
    const pool = await approvedPool(db, member.orgPath);
    const cards = (await memberCards(db, member.id)).map((c) => ({
      articleId: c.articleId,
      due: new Date(c.due),
      stability: reviveCard(c.card, now).stability,
    }));
    const articles = pickArticles(
      cards,
      shuffle([...new Set(pool.flatMap((q) => q.articleIds))]),
      DAILY_QUESTIONS,
      now,
    );
    const chosen = articles.flatMap((a) =>
      shuffle(pool.filter((q) => q.articleIds.includes(a))).slice(0, 1),
    );
    const ids = [...new Set(chosen.map((q) => q.id))];
    await withTx(db, async (tx) => {
      if (!(await insertDay(tx, member.id, today, member.orgPath, ids))) return;
      await recordAudit(tx, audit, {
        action: "study.practice.start",
        entityType: "study_practice",
        entityId: member.id,
        orgPath: member.orgPath,
        after: { day: today, questionIds: ids },
      });
    });
    day = await findDay(db, member.id, today);
  }
  const questions = day ? await questionsByIds(db, day.questionIds) : [];
  const ordered = (day?.questionIds ?? []).flatMap((id) => questions.filter((q) => q.id === id));
  const paper = presentPaper(
    ordered.map((q) => ({
      ...q,
      order: shuffle(
        q.options.map((_, i) => String(i)),
        seededRandom(`${member.id}:${today}:${q.id}`),
      ),
    })),
  );
  const results = day?.results ?? {};
  return {
    day: today,
    questions: paper.map((q) => {
      const r = results[String(q.id)];
      return {
        ...q,
        result: r === undefined ? null : r ? ("correct" as const) : ("wrong" as const),
      };
    }),
    points: day?.points ?? 0,
    dailyCap: DAILY_POINTS_CAP,
    totalPoints: await totalPoints(db, member.id),
    streak: streak(await recentDays(db, member.id), today),
    completed: day?.completed ?? false,
  };
}
