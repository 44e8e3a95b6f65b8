import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { Db } from "../../../platform/db/pool.ts";
import { NotFound } from "../../../platform/errors.ts";
import { fileStore } from "../../../platform/files.ts";
import { requireReadableRectification } from "./rectification-access.ts";
import { findEvidenceFile } from "./rectifications.repo.ts";

/**
 * The bytes of an item's evidence file, for its owner and those who manage or oversee its
 * org. Each download is audited: evidence about a person is read on the record.
 */
export async function readEvidenceFile(
  db: Db,
  dataDir: string,
  actor: Actor,
  audit: AuditActor,
  id: number,
  fileId: number,
): Promise<{ fileName: string; mime: string; bytes: Buffer }> {
  const item = await requireReadableRectification(db, actor, id);
  const found = await findEvidenceFile(db, id, fileId);
  if (!found) throw new NotFound({ "zh-CN": "佐证文件", "en-US": "Evidence file" });
  const bytes = await fileStore(dataDir).get(found.sha256);
  await recordAudit(db, audit, {
    action: "review.rectification.evidence_read",
    entityType: "rectification_item",
    entityId: id,
    orgPath: item.orgPath,
    after: { fileId, fileName: found.fileName },
  });
  return { fileName: found.fileName, mime: found.mime, bytes };
}
