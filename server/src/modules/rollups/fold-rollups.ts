import { type Db, withTx } from "../../platform/db/pool.ts";
import { foldFacts, lockRollups, recordFoldTime, statementClock } from "./rollups.repo.ts";

/** Facts per transaction: large enough to amortize the ancestor walk, small enough to keep the lock short. */
const BATCH = 20_000;

/**
 * Folds every pending fact, one batch per transaction, until none is left. Safe to run
 * anywhere at any time: the lock makes folds take turns with each other and with org moves.
 * The batch that empties the queue records when it started: every fact committed before then
 * is in the totals.
 */
export async function foldRollups(db: Db, batch = BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const folded = await withTx(db, async (tx) => {
      await lockRollups(tx);
      const startedAt = await statementClock(tx);
      const n = await foldFacts(tx, batch);
      if (n < batch) await recordFoldTime(tx, startedAt);
      return n;
    });
    total += folded;
    if (folded < batch) return total;
  }
}
