import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { BadInput, InvalidState } from "../../platform/errors.ts";
import { currentArticles } from "../regulations/study-sources.ts";
import { checkQuestion } from "./question-rules.ts";
import { findQuestion, retireRevised, setQuestionStatus } from "./questions.repo.ts";
import { authorizeManage, questionNotFound } from "./study.policy.ts";

/**
 * A reviewer approves a draft or flagged question (members see only approved ones) or
 * retires it. A flagged question cites a changed article: it must be rewritten, not waved
 * through, so approving it is refused while its citation is stale. Approving a revision
 * retires the question it rewrites in the same transaction, so the bank never serves both.
 */
export async function reviewQuestion(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
  decision: "approve" | "retire",
) {
  authorizeManage(actor);
  return withTx(db, async (tx) => {
    const q = await findQuestion(tx, actor, id, true);
    if (!q) throw questionNotFound();
    if (q.status === "retired" || (decision === "approve" && q.status === "approved")) {
      throw new InvalidState({
        "zh-CN": "该试题已审核，不能重复操作",
        "en-US": "This question has already been reviewed",
      });
    }
    if (decision === "approve") {
      const articles = new Map((await currentArticles(tx)).map((a) => [a.id, a]));
      const [error] = checkQuestion(q, articles);
      if (error) throw new BadInput(error.field, error.text);
    }
    const status = decision === "approve" ? "approved" : "retired";
    await setQuestionStatus(tx, id, status, actor.userId);
    await recordAudit(tx, audit, {
      action: `study.question.${decision}`,
      entityType: "study_question",
      entityId: id,
      orgPath: q.orgPath,
      before: { status: q.status },
      after: { status },
    });
    if (status === "approved" && q.revisionOf !== null) {
      const was = await retireRevised(tx, q.revisionOf, actor.userId);
      if (was) {
        await recordAudit(tx, audit, {
          action: "study.question.retire",
          entityType: "study_question",
          entityId: q.revisionOf,
          orgPath: q.orgPath,
          before: { status: was },
          after: { status: "retired", supersededBy: id },
        });
      }
    }
    return { id, status };
  });
}
