import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { BadInput, InvalidState } from "../../../platform/errors.ts";
import { currentArticles } from "../../regulations/study-sources.ts";
import { authorizeManage, questionNotFound } from "../study.policy.ts";
import type { QuestionEdit } from "./bank.schemas.ts";
import { chapterOf, checkQuestion } from "./question-rules.ts";
import {
  findQuestion,
  insertQuestions,
  openRevision,
  rewriteQuestion,
  wasEverApproved,
} from "./questions.repo.ts";

const pending = () =>
  new InvalidState(
    {
      "zh-CN": "该试题已有一份待审核的修订稿，请修改或审核那份修订稿",
      "en-US": "A revision of this question is already waiting for review; edit or review that one",
    },
    "study_revision_pending",
  );

/**
 * Edits a question of a bank the caller manages. Every edit goes back to the reviewers as a
 * draft. A question that was ever approved may sit in a published campaign's papers, a
 * practice set or a result, so it is never changed in place: the edit becomes a new revision
 * and the original stays in service until a reviewer approves the revision (which retires
 * it). A draft nobody has approved yet has never reached a member and is simply rewritten.
 */
export async function editQuestion(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
  input: QuestionEdit,
) {
  authorizeManage(actor);
  const articles = new Map((await currentArticles(db)).map((a) => [a.id, a]));
  return withTx(db, async (tx) => {
    const q = await findQuestion(tx, actor, id, true);
    if (!q) throw questionNotFound();
    if (q.status === "retired") {
      throw new InvalidState(
        {
          "zh-CN": "该试题已下线，不能修改；如需使用请新建试题",
          "en-US": "This question is retired and cannot be edited; write a new one instead",
        },
        "study_question_retired",
      );
    }
    const [error] = checkQuestion(input, articles);
    if (error) throw new BadInput(error.field, error.text);
    const content = { ...input, chapterNumber: chapterOf(input.articleIds, articles) };
    const before = { type: q.type, stem: q.stem, articleIds: q.articleIds, status: q.status };
    const after = { type: input.type, stem: input.stem, articleIds: input.articleIds };

    if (!(await wasEverApproved(tx, id))) {
      await rewriteQuestion(tx, id, content);
      await recordAudit(tx, audit, {
        action: "study.question.update",
        entityType: "study_question",
        entityId: id,
        orgPath: q.orgPath,
        before,
        after: { ...after, status: "draft" },
      });
      return { id, revisionOf: null, status: "draft" as const };
    }

    if ((await openRevision(tx, id)) !== null) throw pending();
    const [revision] = await insertQuestions(tx, actor.userId, [
      {
        ...content,
        orgId: q.orgId,
        orgPath: q.orgPath,
        status: "draft",
        origin: "manual",
        revisionOf: id,
      },
    ]);
    // The unique index on open revisions is the backstop for two editors at once.
    if (revision === undefined) throw pending();
    await recordAudit(tx, audit, {
      action: "study.question.revise",
      entityType: "study_question",
      entityId: revision,
      orgPath: q.orgPath,
      before,
      after: { ...after, status: "draft", revisionOf: id },
    });
    return { id: Number(revision), revisionOf: id, status: "draft" as const };
  });
}
