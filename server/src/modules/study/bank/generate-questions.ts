import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { BadInput } from "../../../platform/errors.ts";
import { currentArticles, currentProvisions } from "../../regulations/study-sources.ts";
import { requireManagedOrg } from "../study.policy.ts";
import type { GenerateBody } from "./bank.schemas.ts";
import { pickDrafts, stemKey } from "./pick-drafts.ts";
import { draftQuestions } from "./question-drafts.ts";
import { chapterOf } from "./question-rules.ts";
import { bankStems, insertQuestions } from "./questions.repo.ts";

/**
 * Proposes drafts from the regulation's annotations into an org's bank, as drafts only: from
 * the articles and kinds asked for, none whose stem the bank already holds (its own or a bank
 * above it, which its members are also asked from).
 */
export async function generateQuestions(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  input: GenerateBody,
) {
  const org = await requireManagedOrg(db, actor, input.orgId);
  const articles = new Map((await currentArticles(db)).map((a) => [a.id, a]));
  const unknown = input.articleIds.filter((id) => !articles.has(id));
  if (unknown.length > 0) {
    throw new BadInput("articleIds", {
      "zh-CN": `所选条文不在现行规定中：${unknown.slice(0, 5).join("、")}`,
      "en-US": `Chosen articles are not in force: ${unknown.slice(0, 5).join(", ")}`,
    });
  }
  const wanted = new Set(input.articleIds);
  const kinds = new Set(input.types);
  const drafts = draftQuestions(await currentProvisions(db), articles).filter(
    (d) =>
      (wanted.size === 0 || d.articleIds.some((id) => wanted.has(id))) &&
      (kinds.size === 0 || kinds.has(d.type)),
  );
  return withTx(db, async (tx) => {
    const bank = await bankStems(tx, org.path);
    const picked = pickDrafts(
      drafts,
      { stems: new Set(bank.stems.map(stemKey)), sentences: new Set(bank.explanations) },
      input.limit,
    );
    const ids = await insertQuestions(
      tx,
      actor.userId,
      picked.batch.map((d) => ({
        ...d,
        orgId: org.id,
        orgPath: org.path,
        chapterNumber: chapterOf(d.articleIds, articles),
        status: "draft",
        origin: "generated",
      })),
    );
    const skipped = picked.skipped + picked.batch.length - ids.length;
    await recordAudit(tx, audit, {
      action: "study.question.generate",
      entityType: "study_question",
      orgPath: org.path,
      after: {
        created: ids.length,
        skipped,
        articleIds: input.articleIds,
        types: input.types,
        questionIds: ids,
      },
    });
    return { created: ids.length, skipped, remaining: picked.remaining };
  });
}
