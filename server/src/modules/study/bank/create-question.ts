import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { BadInput } from "../../../platform/errors.ts";
import { currentArticles } from "../../regulations/study-sources.ts";
import { requireManagedOrg } from "../study.policy.ts";
import type { QuestionInput } from "./bank.schemas.ts";
import { chapterOf, checkQuestion } from "./question-rules.ts";
import { insertQuestions } from "./questions.repo.ts";

/**
 * A question written by hand enters the bank as a draft, like generated ones: a reviewer's
 * approval is what lets members see it, whoever wrote it (docs/study.md).
 */
export async function createQuestion(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  input: QuestionInput,
) {
  const org = await requireManagedOrg(db, actor, input.orgId);
  const articles = new Map((await currentArticles(db)).map((a) => [a.id, a]));
  const [error] = checkQuestion(input, articles);
  if (error) throw new BadInput(error.field, error.text);
  return withTx(db, async (tx) => {
    const [id] = await insertQuestions(tx, actor.userId, [
      {
        ...input,
        orgPath: org.path,
        chapterNumber: chapterOf(input.articleIds, articles),
        status: "draft",
        origin: "manual",
      },
    ]);
    await recordAudit(tx, audit, {
      action: "study.question.create",
      entityType: "study_question",
      entityId: id,
      orgPath: org.path,
      after: { type: input.type, stem: input.stem, articleIds: input.articleIds, status: "draft" },
    });
    return { id: Number(id) };
  });
}
