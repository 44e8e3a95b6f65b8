import { type Db, withTx } from "../../../platform/db/pool.ts";
import {
  collectTouched,
  lockFold,
  oldestOpenTransaction,
  readWatermark,
  recordFoldTime,
  recountTouched,
  registerCampaigns,
  writeWatermark,
} from "./campaign-folds.repo.ts";

/** Below this many members a campaign's results are counted live, exactly, when asked. */
export const LIVE_LIMIT = 20_000;

/**
 * Brings the per-branch counts of every large campaign up to date (ADR 0029): recounts only the
 * members whose status or branch may have changed since the last fold, and starts folding
 * campaigns that have become large. Safe to run at any time from anywhere: folds take turns.
 * Returns how many (campaign, member) pairs were recounted.
 */
export async function foldCampaignResults(db: Db, minMembers = LIVE_LIMIT): Promise<number> {
  // Before any statement of the fold: what committed before `now` is visible to all of them.
  const { now, oldest } = await oldestOpenTransaction(db);
  return withTx(db, async (tx) => {
    await lockFold(tx);
    const mark = await readWatermark(tx);
    // Every id handed out by the last fold's reading was handed out by a transaction that began
    // before pendingAt; none of those is open any more, so each is committed and visible now,
    // or rolled back.
    const settled = oldest > mark.pendingAt ? mark.pending : mark.settled;
    const registered = await registerCampaigns(tx, minMembers, now);
    const touched = await collectTouched(tx, mark.settled, registered);
    await recountTouched(tx);
    await writeWatermark(tx, settled);
    await recordFoldTime(tx, now);
    return touched;
  });
}
