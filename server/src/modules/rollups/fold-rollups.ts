import { type Db, withTx } from "../../platform/db/pool.ts";
import {
  drainAttemptChanges,
  foldFacts,
  lockRollups,
  recordFoldTime,
  statementClock,
} from "./rollups.repo.ts";

/** Facts per transaction: large enough to amortize the ancestor walk, small enough to keep the lock short. */
const BATCH = 20_000;

/**
 * Folds every pending fact, one batch per transaction, until none is left. Safe to run
 * anywhere at any time: the lock makes folds take turns with each other and with org moves.
 * Each batch first turns queued exam attempt changes into facts, so they fold with it. The
 * batch that empties both queues records when it started: every change committed before then
 * is in the totals.
 */
export async function foldRollups(db: Db, batch = BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const { drained, folded } = await withTx(db, async (tx) => {
      await lockRollups(tx);
      const startedAt = await statementClock(tx);
      const drained = await drainAttemptChanges(tx, batch);
      const folded = await foldFacts(tx, batch);
      if (drained < batch && folded < batch) await recordFoldTime(tx, startedAt);
      return { drained, folded };
    });
    total += folded;
    if (drained < batch && folded < batch) return total;
  }
}
