import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Db } from "../../platform/db/pool.ts";
import { withTx } from "../../platform/db/pool.ts";
import { NotFound } from "../../platform/errors.ts";
import { findProvision } from "./regulations.query-repo.ts";

/** Records an annotator's reading beside the automatic one; the automatic row is never changed. */
export async function correctProvision(
  db: Db,
  actor: AuditActor & { userId: number },
  provisionId: number,
  correction: { kind: string; subjects: string[]; note: string },
) {
  return withTx(db, async (tx) => {
    const provision = await findProvision(tx, provisionId);
    if (!provision) throw new NotFound({ "zh-CN": "条款", "en-US": "Provision" });
    const inserted = await tx.query<{ id: number }>(
      `INSERT INTO regulation_provision_corrections (provision_id, kind, subjects, note, corrected_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [provisionId, correction.kind, correction.subjects, correction.note, actor.userId],
    );
    await recordAudit(tx, actor, {
      action: "regulation.provision.correct",
      entityType: "regulation_provision",
      entityId: provisionId,
      before: { kind: provision.kind, subjects: provision.subjects },
      after: correction,
    });
    return { id: inserted.rows[0]?.id ?? 0 };
  });
}
