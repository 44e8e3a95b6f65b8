import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, type Queryable, withTx } from "../../../platform/db/pool.ts";
import { BadInput, InvalidState } from "../../../platform/errors.ts";
import { type CurrentArticle, currentArticles } from "../../regulations/study-sources.ts";
import { authorizeManage, questionNotFound } from "../study.policy.ts";
import { checkQuestion } from "./question-rules.ts";
import { findQuestion, retireRevised, setQuestionStatus } from "./questions.repo.ts";

type Decision = "approve" | "retire";

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
  decision: Decision,
) {
  authorizeManage(actor);
  return withTx(db, async (tx) => {
    const articles = new Map((await currentArticles(tx)).map((a) => [a.id, a]));
    return reviewOne(tx, actor, audit, id, decision, articles);
  });
}

/**
 * Many questions at once, as a reviewer ticks them in the list: all in one transaction, so a
 * question that cannot be reviewed (gone, out of scope, already done, stale citation) refuses
 * the whole batch with its reason and nothing is half-applied.
 */
export async function reviewQuestions(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  ids: number[],
  decision: Decision,
) {
  authorizeManage(actor);
  return withTx(db, async (tx) => {
    const articles = new Map((await currentArticles(tx)).map((a) => [a.id, a]));
    // Sorted so two overlapping batches lock their rows in the same order.
    for (const id of [...new Set(ids)].sort((a, b) => a - b)) {
      await reviewOne(tx, actor, audit, id, decision, articles);
    }
    const status = decision === "approve" ? ("approved" as const) : ("retired" as const);
    return { reviewed: new Set(ids).size, status };
  });
}

async function reviewOne(
  tx: Queryable,
  actor: Actor,
  audit: AuditActor,
  id: number,
  decision: Decision,
  articles: Map<number, CurrentArticle>,
) {
  const q = await findQuestion(tx, actor, id, true);
  if (!q) throw questionNotFound();
  if (q.status === "retired" || (decision === "approve" && q.status === "approved")) {
    throw new InvalidState({
      "zh-CN": `试题 #${id} 已审核，不能重复操作`,
      "en-US": `Question #${id} has already been reviewed`,
    });
  }
  if (decision === "approve") {
    const [error] = checkQuestion(q, articles);
    if (error) {
      throw new BadInput(error.field, {
        "zh-CN": `试题 #${id}：${error.text["zh-CN"]}`,
        "en-US": `Question #${id}: ${error.text["en-US"]}`,
      });
    }
  }
  const status = decision === "approve" ? ("approved" as const) : ("retired" as const);
  await setQuestionStatus(tx, id, status, actor.userId);
  await recordAudit(tx, audit, {
    action: decision === "approve" ? "study.question.approve" : "study.question.retire",
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
}
