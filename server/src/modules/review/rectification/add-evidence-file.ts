import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { storeFileFor } from "../../../platform/stored-files.ts";
import { sniffEvidence } from "../evidence-file-type.ts";
import { authorize, REVIEW_TAKE } from "../review.policy.ts";
import type { Rectification } from "./rectification.schemas.ts";
import { changedRectification, requireOpenRectification } from "./rectification-access.ts";
import { insertEvidenceFile } from "./rectifications.repo.ts";

/**
 * Attaches a file (整改报告, 截图, 学习笔记) to an open item, by its owner or a secretary.
 * The type is checked before anything is stored; the bytes are kept by SHA-256 under the
 * data dir, so a stored digest proves the evidence was not swapped afterwards.
 */
export async function addEvidenceFile(
  db: Db,
  dataDir: string,
  actor: Actor,
  audit: AuditActor,
  id: number,
  file: { name: string; bytes: Buffer },
): Promise<Rectification> {
  authorize(actor, REVIEW_TAKE);
  const mime = sniffEvidence(file.bytes);
  // Access first, so a caller who may not see the item cannot fill the disk either.
  await requireOpenRectification(db, actor, id, { owner: true });
  return withTx(db, async (tx) => {
    const item = await requireOpenRectification(tx, actor, id, { owner: true });
    const sha256 = await storeFileFor(tx, dataDir, file.bytes);
    const fileId = await insertEvidenceFile(tx, {
      rectificationId: id,
      orgPath: item.orgPath,
      sha256,
      fileName: file.name,
      mime,
      size: file.bytes.length,
      userId: actor.userId,
    });
    await recordAudit(tx, audit, {
      action: "review.rectification.evidence_add",
      entityType: "rectification_item",
      entityId: id,
      orgPath: item.orgPath,
      after: { fileId, fileName: file.name, mime, sha256, size: file.bytes.length },
    });
    return changedRectification(tx, actor, id);
  });
}
