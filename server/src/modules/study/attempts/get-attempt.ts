import type { Actor } from "../../../platform/auth/actor.ts";
import type { Db } from "../../../platform/db/pool.ts";
import { ownAttempt } from "./attempt-access.ts";
import { findAttempt } from "./attempts.repo.ts";
import { closeExpiredAttempt } from "./close-attempt.ts";
import { presentAttempt } from "./present-attempt.ts";

/** One's own sitting: the paper and saved answers, or the result once closed. */
export async function getAttempt(db: Db, actor: Actor, id: number) {
  let a = await ownAttempt(db, actor, id);
  // Coming back after time ran out: close it now rather than wait for the job.
  if (a.submittedAt === null && !a.open && (await closeExpiredAttempt(db, id))) {
    a = (await findAttempt(db, id)) ?? a;
  }
  return presentAttempt(a);
}
