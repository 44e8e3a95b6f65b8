import type { Db } from "../db/pool.ts";
import { sealChain } from "./chain.ts";
import type { CheckpointLog } from "./checkpoints.ts";
import { type VerifyResult, verifyChain } from "./verify.ts";

/** Seals committed rows, then signs the new head outside the database once the seal committed. */
export async function sealAndSign(db: Db, checkpoints: CheckpointLog | undefined): Promise<number> {
  const { sealed, head } = await sealChain(db);
  await checkpoints?.record(head);
  return sealed;
}

/**
 * Seals and signs what has committed, then verifies. The checkpoints are read before the
 * database snapshot, so none of them can be newer than what the snapshot shows.
 */
export async function sealAndVerify(
  db: Db,
  checkpoints: CheckpointLog | undefined,
): Promise<VerifyResult> {
  await sealAndSign(db, checkpoints);
  const signed = checkpoints ? await checkpoints.read() : null;
  return verifyChain(db, signed);
}
