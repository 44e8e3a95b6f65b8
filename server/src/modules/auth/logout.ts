import type { AuditActor } from "../../platform/audit/record.ts";
import { recordAudit } from "../../platform/audit/record.ts";
import { endSession } from "../../platform/auth/sessions.ts";
import type { AppContext } from "../../platform/context.ts";
import { withTx } from "../../platform/db/pool.ts";

export async function logout(ctx: AppContext, token: string, userId: number, actor: AuditActor) {
  await withTx(ctx.db, async (tx) => {
    await endSession(tx, token);
    await recordAudit(tx, actor, { action: "auth.logout", entityType: "user", entityId: userId });
  });
}
