import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { scheduleJob } from "../../platform/jobs/schedule.ts";
import { closeRound as markClosed } from "./evaluation.repo.ts";
import type { RoundDetail } from "./evaluation.schemas.ts";
import { getRound } from "./get-round.ts";
import { requireManagedRound } from "./round-access.ts";
import { requireOpenRound } from "./round-state.ts";

export const VACUUM_BALLOTS = "review_vacuum_ballots";

/** Ends the voting; from now on no vote changes and the counts are shown to the org. */
export async function closeRound(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
): Promise<RoundDetail> {
  return withTx(db, async (tx) => {
    const round = await requireManagedRound(tx, actor, id);
    requireOpenRound(round);
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
