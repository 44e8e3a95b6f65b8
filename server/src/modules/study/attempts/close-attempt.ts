import { type AuditActor, recordAudit, systemActor } from "../../../platform/audit/record.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { closeAttempt, findAttempt } from "./attempts.repo.ts";
import { scorePaper } from "./paper.ts";

export const CLOSE_ATTEMPT_JOB = "study.close_attempt";

/**
 * When time is up the saved answers become the submission: a member whose phone died
 * mid-exam is scored on everything the server had. Runs from the job queue at the deadline
 * and when the member comes back to an expired sitting; whichever comes first wins.
 */
export async function closeExpiredAttempt(
  db: Db,
  attemptId: number,
  audit: AuditActor = systemActor,
) {
  const a = await findAttempt(db, attemptId);
  if (!a || a.submittedAt !== null || a.open) return false;
  const scored = scorePaper(a.paper, a.answers, a.passMark);
  return withTx(db, async (tx) => {
    const closed = await closeAttempt(tx, a.id, a.answers, scored, "deadline");
    if (closed) {
      await recordAudit(tx, audit, {
        action: "study.attempt.close",
        entityType: "study_attempt",
        entityId: a.id,
        orgPath: a.orgPath,
        after: { by: "deadline", ...scored },
      });
    }
    return closed;
  });
}

export function parseAttemptPayload(payload: unknown): number | null {
  const id = (payload as { attemptId?: unknown } | null)?.attemptId;
  return typeof id === "number" && Number.isInteger(id) ? id : null;
}
