import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { AppContext } from "../../../platform/context.ts";
import { withTx } from "../../../platform/db/pool.ts";
import { InvalidState } from "../../../platform/errors.ts";
import { MACHINES } from "../case-types.ts";
import { requireHandler } from "../cases.policy.ts";
import { findFiler, insertEvent } from "./case-events.repo.ts";
import { findCase } from "./cases.repo.ts";
import { queueFilerNotice } from "./filer-notices.ts";

const closed = () =>
  new InvalidState({
    "zh-CN": "案件已办结，不能再留言",
    "en-US": "The case is closed",
  });

/**
 * A handler's internal note (never shown to the filer) or a message to the filer. An
 * anonymous filer cannot be written to: nothing links them to the case but their digest.
 */
export async function addCaseNote(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  caseId: number,
  text: string,
  toFiler: boolean,
) {
  return withTx(ctx.db, async (tx) => {
    const filer = await findFiler(tx, caseId);
    const c = requireHandler(actor, await findCase(tx, caseId, true), filer, ctx.cipher);
    if (toFiler && MACHINES[c.caseType].states[c.state]?.final) throw closed();
    if (toFiler && filer?.anonymous) {
      throw new InvalidState({
        "zh-CN": "匿名举报无法联系举报人",
        "en-US": "An anonymous filer cannot be messaged",
      });
    }
    const id = await insertEvent(tx, {
      caseId: c.id,
      kind: toFiler ? "message" : "note",
      visibleToFiler: toFiler,
      actorUserId: actor.userId,
      byFiler: false,
      body: ctx.cipher.encrypt(text),
    });
    if (toFiler) await queueFilerNotice(tx, c.id);
    await recordAudit(tx, audit, {
      action: toFiler ? "case.message" : "case.note",
      entityType: "case",
      entityId: c.id,
      orgPath: c.orgPath,
      after: { event: id },
    });
    return { id };
  });
}
