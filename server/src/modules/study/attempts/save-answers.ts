import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import type { Answer } from "../study.schemas.ts";
import { deadlinePassed, refuse } from "../study-refusals.ts";
import { checkWritable, ownAttempt } from "./attempt-access.ts";
import { saveAnswers as save } from "./attempts.repo.ts";

/**
 * Autosave: the web app sends changed answers a moment after each change, so a reload or a
 * lost connection loses at most the last second. Answers merge into what the server holds.
 */
export async function saveAnswers(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
  answers: Record<string, Answer>,
) {
  const a = await ownAttempt(db, actor, id);
  await checkWritable(db, audit, a, answers);
  const saved = await withTx(db, async (tx) => {
    const row = await save(tx, id, answers);
    if (row) {
      await recordAudit(tx, audit, {
        action: "study.attempt.save",
        entityType: "study_attempt",
        entityId: id,
        orgPath: a.orgPath,
        after: { questions: Object.keys(answers) },
      });
    }
    return row;
  });
  // The deadline passed between the check and the write.
  if (!saved)
    return refuse(db, audit, deadlinePassed(), {
      entityType: "study_attempt",
      entityId: id,
      orgPath: a.orgPath,
    });
  return saved;
}
