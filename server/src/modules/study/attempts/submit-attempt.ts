import type { AuditActor } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { Db } from "../../../platform/db/pool.ts";
import type { Answer } from "../study.schemas.ts";
import { alreadySubmitted, clientScore, refuse } from "../study-refusals.ts";
import { checkWritable, ownAttemptKey } from "./attempt-access.ts";
import { scorePaper } from "./paper.ts";
import { submitScored } from "./submission-batches.ts";

/**
 * Hand in a paper. Built for the deadline rush: one read of the attempt, then one statement
 * that closes it and writes the audit row (the chain is sealed after commit, ADR 0003); both
 * are shared with the other submissions in flight (ADR 0034). The
 * score is computed here from the key stored with the paper; a body carrying anything but
 * answers (a score, "passed") is refused and audited. The answer is the score alone: the
 * client fetches the review with explanations when it shows it.
 */
export async function submitAttempt(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
  body: { answers: Record<string, Answer> } & Record<string, unknown>,
) {
  const a = await ownAttemptKey(db, actor, id);
  const extra = Object.keys(body).filter((k) => k !== "answers");
  const subject = { entityType: "study_attempt", entityId: id, orgPath: a.orgPath };
  if (extra.length > 0) {
    return refuse(db, audit, clientScore(extra), { ...subject, details: { fields: extra } });
  }
  await checkWritable(db, audit, a, body.answers);
  const answers = { ...a.answers, ...body.answers };
  const scored = scorePaper(a.paper, answers, a.passMark);
  if (!(await submitScored(db, { id, answers, scored, audit }))) {
    return refuse(db, audit, alreadySubmitted(), subject);
  }
  return { attemptId: id, passMark: a.passMark, ...scored };
}
