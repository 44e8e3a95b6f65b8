import { sealPending } from "../../platform/audit/chain.ts";
import { verifyChain } from "../../platform/audit/verify.ts";
import type { Db } from "../../platform/db/pool.ts";

/** Seals what has committed since the last tick, then re-checks the whole chain. */
export async function verifyAuditChain(db: Db) {
  await sealPending(db);
  const result = await verifyChain(db);
  return { ...result, checkedAt: new Date().toISOString() };
}
