import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { checkWritable, ownAttempt } from "./attempt-access.ts";
import { closeAttempt } from "./attempts.repo.ts";
import { scorePaper } from "./paper.ts";
import { presentAttempt } from "./present-attempt.ts";
import type { Answer } from "./study.schemas.ts";
import { alreadySubmitted, clientScore, refuse } from "./study-refusals.ts";

/**
 * Hand in a paper. Built for the deadline rush: one read of the attempt, then one short
 * transaction (update + audit row; the audit chain is sealed after commit, ADR 0003). The
 * score is computed here from the key stored with the paper; a body carrying anything but
 * answers (a score, "passed") is refused and audited.
 */
export async function submitAttempt(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
  body: { answers: Record<string, Answer> } & Record<string, unknown>,
) {
  const a = await ownAttempt(db, actor, id);
  const extra = Object.keys(body).filter((k) => k !== "answers");
  const subject = { entityType: "study_attempt", entityId: id, orgPath: a.orgPath };
  if (extra.length > 0)
    return refuse(db, audit, clientScore(extra), { ...subject, details: { fields: extra } });
  await checkWritable(db, audit, a, body.answers);
  const answers = { ...a.answers, ...body.answers };
  const scored = scorePaper(a.paper, answers, a.passMark);
  const closed = await withTx(db, async (tx) => {
    if (!(await closeAttempt(tx, id, answers, scored, "member"))) return false;
    await recordAudit(tx, audit, {
      action: "study.attempt.submit",
      entityType: "study_attempt",
      entityId: id,
      orgPath: a.orgPath,
      after: scored,
    });
    return true;
  });
  if (!closed) return refuse(db, audit, alreadySubmitted(), subject);
  return presentAttempt({ ...a, answers, submittedAt: new Date().toISOString(), ...scored });
}
