import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { BadInput, NotFound } from "../../../platform/errors.ts";
import { fileStore, sniffFileType } from "../../../platform/files.ts";
import { storeFileFor } from "../../../platform/stored-files.ts";
import { authorizeRead } from "../review.policy.ts";
import { getMeeting, requireMeeting } from "./get-meeting.ts";
import { requireManagedMeeting } from "./managed-meeting.ts";
import { insertAttachment, listAttachments } from "./meetings.repo.ts";
import type { MeetingDetail } from "./meetings.schemas.ts";

/**
 * Adds a file (签到表, 会议照片, 征求意见汇总) to a meeting, stored by its SHA-256. The caller's
 * right to manage the meeting and the file's content are checked before a byte reaches the
 * disk: a refused upload leaves nothing behind.
 */
export async function addAttachment(
  db: Db,
  dataDir: string,
  actor: Actor,
  audit: AuditActor,
  id: number,
  file: { name: string; bytes: Buffer },
): Promise<MeetingDetail> {
  return withTx(db, async (tx) => {
    const meeting = await requireManagedMeeting(tx, actor, id);
    if (!sniffFileType(file.bytes)) {
      throw new BadInput("file", {
        "zh-CN": "会议附件只接受 PDF、DOCX 或图片（PNG、JPEG）文件",
        "en-US": "Meeting attachments must be PDF, DOCX or image (PNG, JPEG) files",
      });
    }
    const sha256 = await storeFileFor(tx, dataDir, file.bytes);
    const attachmentId = await insertAttachment(tx, {
      meetingId: id,
      sha256,
      fileName: file.name,
      size: file.bytes.length,
      userId: actor.userId,
    });
    await recordAudit(tx, audit, {
      action: "review.attachment.add",
      entityType: "review_attachment",
      entityId: attachmentId,
      orgPath: meeting.orgPath,
      after: { meetingId: id, fileName: file.name, sha256, size: file.bytes.length },
    });
    return getMeeting(tx, actor, id);
  });
}

/** The bytes of an attachment of a meeting the caller may read; every read is audited. */
export async function readAttachment(
  db: Db,
  dataDir: string,
  actor: Actor,
  audit: AuditActor,
  id: number,
  attachmentId: number,
): Promise<{ fileName: string; bytes: Buffer }> {
  authorizeRead(actor);
  return withTx(db, async (tx) => {
    const meeting = await requireMeeting(tx, actor, id);
    const found = (await listAttachments(tx, id)).find((a) => a.id === attachmentId);
    if (!found) throw new NotFound({ "zh-CN": "附件", "en-US": "Attachment" });
    const bytes = await fileStore(dataDir).get(found.sha256);
    await recordAudit(tx, audit, {
      action: "review.attachment.read",
      entityType: "review_attachment",
      entityId: attachmentId,
      orgPath: meeting.orgPath,
      after: { meetingId: id, fileName: found.fileName, sha256: found.sha256 },
    });
    return { fileName: found.fileName, bytes };
  });
}
