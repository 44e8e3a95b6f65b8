import { type EncryptedBallot, GRADE_ORDER, tallyBallots } from "@wanggui/ballot";
import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, type Queryable, withTx } from "../../../platform/db/pool.ts";
import { scheduleJob } from "../../../platform/jobs/schedule.ts";
import { listSubjects, closeRound as markClosed } from "./evaluation.repo.ts";
import type { RoundDetail } from "./evaluation.schemas.ts";
import { getRound } from "./get-round.ts";
import { requireManagedRound } from "./round-access.ts";
import { MIN_BALLOTS_FOR_COUNTS } from "./round-results.ts";
import { requireOpenRound } from "./round-state.ts";
import { ballotsBySubject, insertTallies, setCounts } from "./sealed-ballots.repo.ts";

export const VACUUM_BALLOTS = "review_vacuum_ballots";

/**
 * Ends the voting. An encrypted round's ballots are added up per member and grade into
 * encrypted tallies, which the trustees then decrypt; a plaintext round (opened before
 * encrypted ballots) shows its counts to the org at once.
 */
export async function closeRound(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
): Promise<RoundDetail> {
  return withTx(db, async (tx) => {
    const round = await requireManagedRound(tx, actor, id);
    requireOpenRound(round);
    if (round.scheme === "encrypted") await sealTallies(tx, id);
    await markClosed(tx, id);
    await recordAudit(tx, audit, {
      action: "evaluation.round.close",
      entityType: "evaluation_round",
      entityId: id,
      orgPath: round.orgPath,
      before: { status: "open" },
      after: { status: "closed" },
    });
    await scheduleJob(tx, VACUUM_BALLOTS, {}, { jobKey: VACUUM_BALLOTS });
    return getRound(tx, actor, id);
  });
}

/**
 * Adds every member's ballots, grade by grade, without decrypting any of them. A member with
 * fewer ballots than MIN_BALLOTS_FOR_COUNTS gets no tally at all: their counts would let a
 * voter read another's grade, so they are never decrypted, not even where only the database
 * would keep them. A round with nothing to decrypt (closed before its trustees made their
 * keys, or too few votes on everyone) is counted at once and needs no trustee.
 */
async function sealTallies(tx: Queryable, roundId: number) {
  const ballots = await ballotsBySubject(tx, roundId);
  const rows = (await listSubjects(tx, roundId)).flatMap((s) => {
    const mine = (ballots.get(s.memberId) ?? []).map((b) => JSON.parse(b) as EncryptedBallot);
    if (mine.length < MIN_BALLOTS_FOR_COUNTS) return [];
    return tallyBallots(mine, GRADE_ORDER.length).map((c, i) => ({
      memberId: s.memberId,
      grade: GRADE_ORDER[i] as (typeof GRADE_ORDER)[number],
      ...c,
    }));
  });
  if (rows.length > 0) await insertTallies(tx, roundId, rows);
  else await setCounts(tx, roundId, []);
}
