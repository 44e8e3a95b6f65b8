import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { NotFound } from "../../platform/errors.ts";
import { fileStore } from "../../platform/files.ts";
import { getMeeting, requireMeeting } from "./get-meeting.ts";
import { requireManagedMeeting } from "./managed-meeting.ts";
import { insertAttachment, listAttachments } from "./meetings.repo.ts";
import { authorizeRead } from "./review.policy.ts";
import type { MeetingDetail } from "./review.schemas.ts";

/** Adds a file (签到表, 会议照片, 征求意见汇总) to a meeting, stored by its SHA-256. */
export async function addAttachment(
  db: Db,
  dataDir: string,
  actor: Actor,
  audit: AuditActor,
  id: number,
  file: { name: string; bytes: Buffer },
): Promise<MeetingDetail> {
  const sha256 = await fileStore(dataDir).put(file.bytes);
  return withTx(db, async (tx) => {
    const meeting = await requireManagedMeeting(tx, actor, id);
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

/** The bytes of an attachment of a meeting the caller may read. */
export async function readAttachment(
  db: Db,
  dataDir: string,
  actor: Actor,
  id: number,
  attachmentId: number,
): Promise<{ fileName: string; bytes: Buffer }> {
  authorizeRead(actor);
  await requireMeeting(db, actor, id);
  const found = (await listAttachments(db, id)).find((a) => a.id === attachmentId);
  if (!found) throw new NotFound({ "zh-CN": "附件", "en-US": "Attachment" });
  return { fileName: found.fileName, bytes: await fileStore(dataDir).get(found.sha256) };
}
