import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { currentArticles } from "../../regulations/study-sources.ts";
import { flagQuestionsCitingOutside } from "./questions.repo.ts";

const REASON = "引用的条文在新版本中已修改，请复核";

/**
 * After a new regulation version: questions citing an article that is no longer in force are
 * flagged and leave papers and practice until a reviewer rewrites them. Run by the hourly job
 * and by a manager's button; running it twice flags nothing new.
 */
export async function flagChangedQuestions(db: Db, audit: AuditActor, actor: Actor | null = null) {
  const current = (await currentArticles(db)).map((a) => a.id);
  if (current.length === 0) return { flagged: 0 };
  return withTx(db, async (tx) => {
    const flagged = await flagQuestionsCitingOutside(tx, current, REASON, actor);
    for (const q of flagged) {
      await recordAudit(tx, audit, {
        action: "study.question.flag",
        entityType: "study_question",
        entityId: q.id,
        orgPath: q.org_path,
        after: { status: "flagged", reason: REASON },
      });
    }
    return { flagged: flagged.length };
  });
}
