import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { currentArticles, currentProvisions } from "../regulations/study-sources.ts";
import { draftQuestions } from "./question-drafts.ts";
import { chapterOf } from "./question-rules.ts";
import { generatedStems, insertQuestions } from "./questions.repo.ts";
import { requireManagedOrg } from "./study.policy.ts";

/** Proposes drafts from the regulation's annotations into an org's bank, as drafts only. */
export async function generateQuestions(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  input: { orgId: number; limit: number },
) {
  const org = await requireManagedOrg(db, actor, input.orgId);
  const articles = new Map((await currentArticles(db)).map((a) => [a.id, a]));
  const seen = await generatedStems(db, org.id);
  const fresh = draftQuestions(await currentProvisions(db), articles).filter(
    (d) => !seen.has(d.stem),
  );
  const batch = fresh.slice(0, input.limit);
  return withTx(db, async (tx) => {
    const ids = await insertQuestions(
      tx,
      actor.userId,
      batch.map((d) => ({
        ...d,
        orgId: org.id,
        orgPath: org.path,
        chapterNumber: chapterOf(d.articleIds, articles),
        status: "draft",
        origin: "generated",
      })),
    );
    await recordAudit(tx, audit, {
      action: "study.question.generate",
      entityType: "study_question",
      orgPath: org.path,
      after: { created: ids.length, questionIds: ids },
    });
    return { created: ids.length, skipped: batch.length - ids.length };
  });
}
