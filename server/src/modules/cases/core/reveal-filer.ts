import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { AppContext } from "../../../platform/context.ts";
import { withTx } from "../../../platform/db/pool.ts";
import { Forbidden, InvalidState } from "../../../platform/errors.ts";
import { requireHandler } from "../cases.policy.ts";
import { findFiler } from "./case-events.repo.ts";
import { findCase } from "./cases.repo.ts";

/**
 * Who filed: only for the case's assigned handler, and written to the audit log (who looked,
 * at which case, never the name itself) in the same transaction that decrypts it.
 */
export async function revealFiler(ctx: AppContext, actor: Actor, audit: AuditActor, id: number) {
  return withTx(ctx.db, async (tx) => {
    const filer = await findFiler(tx, id);
    const c = requireHandler(actor, await findCase(tx, id), filer, ctx.cipher);
    if (c.handlerUserId !== actor.userId) {
      throw new Forbidden({
        "zh-CN": "仅本案承办人可查看举报人身份",
        "en-US": "Only the case's handler may see who filed it",
      });
    }
    if (!filer?.identity) {
      throw new InvalidState({ "zh-CN": "本件为匿名举报", "en-US": "Filed anonymously" });
    }
    const identity = JSON.parse(ctx.cipher.decrypt(filer.identity)) as {
      name: string;
      orgName: string;
      memberId: number | null;
    };
    await recordAudit(tx, audit, {
      action: "case.reveal_filer",
      entityType: "case",
      entityId: c.id,
      orgPath: c.orgPath,
    });
    return { name: identity.name, orgName: identity.orgName, memberId: identity.memberId };
  });
}
