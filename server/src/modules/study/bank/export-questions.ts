import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { exportedPath } from "../../../platform/scope.ts";
import { xlsxTable } from "../../../platform/xlsx.ts";
import { currentArticles } from "../../regulations/study-sources.ts";
import { authorizeManage, MANAGE } from "../study.policy.ts";
import { answerText, OPTION_LETTERS, QUESTION_HEADERS, TYPE_TEXT } from "./question-columns.ts";
import { listQuestions } from "./questions.repo.ts";

/**
 * The approved bank of the caller's subtrees as .xlsx, in the same columns the import reads,
 * so a bank moves between counties by export and import. A bank is a few thousand rows at
 * most, so it is built in memory rather than streamed.
 */
export async function exportQuestions(
  db: Queryable,
  actor: Actor,
  audit: AuditActor,
  now = new Date(),
) {
  authorizeManage(actor);
  const labels = new Map((await currentArticles(db)).map((a) => [a.id, a.label]));
  const { items } = await listQuestions(db, actor, {
    status: "approved",
    page: 1,
    pageSize: 10_000,
  });
  await recordAudit(db, audit, {
    action: "study.question.export",
    entityType: "study_question",
    orgPath: exportedPath(actor, MANAGE),
    after: { rows: items.length },
  });
  return xlsxTable(
    actor,
    "题库",
    QUESTION_HEADERS.map((header, i) => (i === 1 ? { header, width: 60 } : { header })),
    items.map((q) => [
      TYPE_TEXT[q.type],
      q.stem,
      ...OPTION_LETTERS.map((_, i) => q.options[i] ?? null),
      answerText(q.type, q.answer),
      q.explanation,
      q.articleIds.map((id) => labels.get(id) ?? "").join("；"),
    ]),
    { now },
  );
}
