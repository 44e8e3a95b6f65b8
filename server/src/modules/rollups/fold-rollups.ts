import { type Db, withTx } from "../../platform/db/pool.ts";
import { foldFacts, lockRollups } from "./rollups.repo.ts";

/** Facts per transaction: large enough to amortize the ancestor walk, small enough to keep the lock short. */
const BATCH = 20_000;

/**
 * Folds every pending fact, one batch per transaction, until none is left. Safe to run
 * anywhere at any time: the lock makes folds take turns with each other and with org moves.
 */
export async function foldRollups(db: Db, batch = BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const folded = await withTx(db, async (tx) => {
      await lockRollups(tx);
      return foldFacts(tx, batch);
    });
    total += folded;
    if (folded < batch) return total;
  }
}
