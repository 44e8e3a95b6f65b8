import { sealAndVerify } from "../../platform/audit/sealer.ts";
import type { AppContext } from "../../platform/context.ts";

/** Seals and signs what has committed since the last tick, then re-checks the whole chain. */
export async function verifyAuditChain(ctx: AppContext) {
  const result = await sealAndVerify(ctx.db, ctx.checkpoints);
  return { ...result, checkedAt: new Date().toISOString() };
}
