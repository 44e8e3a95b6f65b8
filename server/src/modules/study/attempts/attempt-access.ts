import type { AuditActor } from "../../../platform/audit/record.ts";
import { type Actor, can } from "../../../platform/auth/actor.ts";
import { requirePermission } from "../../../platform/auth/plugin.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { attemptNotFound, TAKE } from "../study.policy.ts";
import type { Answer } from "../study.schemas.ts";
import { alreadySubmitted, deadlinePassed, notInPaper, refuse } from "../study-refusals.ts";
import { type AttemptRow, findAttempt } from "./attempts.repo.ts";
import { readAttemptKey } from "./submission-batches.ts";

/** The caller's own attempt; anybody else's is "not found". No member lookup: the hot path. */
export async function ownAttempt(db: Queryable, actor: Actor, id: number): Promise<AttemptRow> {
  requirePermission(can(actor, TAKE));
  const a = await findAttempt(db, id);
  if (!a || actor.memberId === null || a.memberId !== actor.memberId) throw attemptNotFound();
  return a;
}

/** The caller's own attempt with just its key: the submission's one read. */
export async function ownAttemptKey(db: Queryable, actor: Actor, id: number) {
  requirePermission(can(actor, TAKE));
  const a = await readAttemptKey(db, id);
  if (!a || actor.memberId === null || a.memberId !== actor.memberId) throw attemptNotFound();
  return a;
}

/** Refuses (and audits) answers to a closed paper or to questions that are not in it. */
export async function checkWritable(
  db: Queryable,
  audit: AuditActor,
  a: Pick<AttemptRow, "id" | "orgPath" | "submittedAt" | "open"> & { paper: { id: number }[] },
  answers: Record<string, Answer>,
) {
  const subject = { entityType: "study_attempt", entityId: a.id, orgPath: a.orgPath };
  if (a.submittedAt !== null) return refuse(db, audit, alreadySubmitted(), subject);
  if (!a.open) return refuse(db, audit, deadlinePassed(), subject);
  const inPaper = new Set(a.paper.map((p) => String(p.id)));
  const stray = Object.keys(answers).filter((k) => !inPaper.has(k));
  if (stray.length > 0) {
    return refuse(db, audit, notInPaper(stray.slice(0, 5)), {
      ...subject,
      details: { questions: stray.slice(0, 20) },
    });
  }
}
