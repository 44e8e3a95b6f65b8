import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { AppContext } from "../../../platform/context.ts";
import { type Queryable, withTx } from "../../../platform/db/pool.ts";
import { BadInput, InvalidState, NotFound } from "../../../platform/errors.ts";
import { FILE_TYPES, fileStore, sniffFileType } from "../../../platform/files.ts";
import { storeFileFor } from "../../../platform/stored-files.ts";
import { fileScanner, infectedUpload, scanUpload } from "../../../platform/virus-scan.ts";
import { MACHINES } from "../case-types.ts";
import { requireHandler } from "../cases.policy.ts";
import { findFiler, insertEvent, insertFile, listFiles } from "./case-events.repo.ts";
import { type CaseRow, findCase } from "./cases.repo.ts";
import { filerActor } from "./filer-actor.ts";
import { requireOwnCase, tellHandlers } from "./my-cases.ts";

export const MAX_CASE_FILE = 10 * 1024 * 1024;
// Bidirectional overrides make "exe.pdf" read as something else; control characters break logs.
function unsafeName(name: string): boolean {
  return [...name].some((ch) => {
    const c = ch.codePointAt(0) ?? 0;
    return c < 0x20 || c === 0x7f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
  });
}

function checkUpload(name: string, bytes: Buffer) {
  if (name.length === 0 || name.length > 200 || unsafeName(name)) {
    throw new BadInput("file", {
      "zh-CN": "文件名为空、过长或含有不可见控制字符",
      "en-US": "The file name is empty, too long or holds control characters",
    });
  }
  if (bytes.length > MAX_CASE_FILE) {
    throw new BadInput("file", {
      "zh-CN": "文件不能超过 10 MB",
      "en-US": "Files are limited to 10 MB",
    });
  }
  const type = sniffFileType(bytes);
  if (!type) {
    throw new BadInput("file", {
      "zh-CN": "只接受 PDF、Word（.docx）、PNG 或 JPEG 截图",
      "en-US": "Only PDF, DOCX, PNG or JPEG files are accepted",
    });
  }
  return FILE_TYPES[type];
}

/**
 * Checks, scans and stores one upload as a file event of the case. `onStored` runs in the same
 * transaction (a notice to the handlers); a filer's upload tells the handlers by default.
 */
export async function storeCaseFile(
  ctx: AppContext,
  c: CaseRow,
  audit: AuditActor,
  actorUserId: number | null,
  byFiler: boolean,
  upload: { name: string; bytes: Buffer },
  onStored: ((tx: Queryable) => Promise<void>) | null = byFiler
    ? (tx) => tellHandlers(tx, c, "举报人（申请人）补充的证据材料")
    : null,
) {
  if (MACHINES[c.caseType].states[c.state]?.final) {
    throw new InvalidState({
      "zh-CN": "案件已办结，不能再上传材料",
      "en-US": "The case is closed",
    });
  }
  const mime = checkUpload(upload.name, upload.bytes);
  // Checked and scanned first, written after: a refused upload leaves nothing on disk.
  const signature = await scanUpload(fileScanner(ctx.config), upload.bytes);
  if (signature) {
    // Refused, and recorded: a security officer should learn that malware was sent in.
    await withTx(ctx.db, (tx) =>
      recordAudit(tx, audit, {
        action: "case.file_infected",
        entityType: "case",
        entityId: c.id,
        orgPath: c.orgPath,
        after: { signature, size: upload.bytes.length },
      }),
    );
    throw infectedUpload(signature);
  }
  return withTx(ctx.db, async (tx) => {
    const sha256 = await storeFileFor(tx, ctx.config.dataDir, upload.bytes);
    const eventId = await insertEvent(tx, {
      caseId: c.id,
      kind: "file",
      visibleToFiler: byFiler,
      actorUserId,
      byFiler,
      body: null,
      meta: { size: upload.bytes.length },
    });
    const id = await insertFile(tx, {
      caseId: c.id,
      eventId,
      sha256,
      fileName: ctx.cipher.encrypt(upload.name),
      mime,
      size: upload.bytes.length,
      byFiler,
    });
    await recordAudit(tx, audit, {
      action: "case.file_add",
      entityType: "case",
      entityId: c.id,
      orgPath: c.orgPath,
      after: { file: id, sha256, size: upload.bytes.length },
    });
    if (onStored) await onStored(tx);
    return { id };
  });
}

/** Evidence the filer uploads themselves: the only way their material enters a case. */
export async function addFilerFile(
  ctx: AppContext,
  actor: Actor,
  id: number,
  upload: { name: string; bytes: Buffer },
) {
  const c = await requireOwnCase(ctx, actor, id);
  return storeCaseFile(ctx, c, filerActor, null, true, upload);
}

export async function addHandlerFile(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  id: number,
  upload: { name: string; bytes: Buffer },
) {
  const filer = await findFiler(ctx.db, id);
  const c = requireHandler(actor, await findCase(ctx.db, id), filer, ctx.cipher);
  return storeCaseFile(ctx, c, audit, actor.userId, false, upload);
}

/** A handler downloads any file of the case; every read is audited. */
export async function readCaseFile(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  caseId: number,
  fileId: number,
) {
  const filer = await findFiler(ctx.db, caseId);
  const c = requireHandler(actor, await findCase(ctx.db, caseId), filer, ctx.cipher);
  const file = (await listFiles(ctx.db, caseId)).find((f) => f.id === fileId);
  if (!file?.sha256) throw new NotFound({ "zh-CN": "文件", "en-US": "File" });
  const sha256 = file.sha256;
  await withTx(ctx.db, (tx) =>
    recordAudit(tx, audit, {
      action: "case.file_read",
      entityType: "case",
      entityId: c.id,
      orgPath: c.orgPath,
      after: { file: file.id },
    }),
  );
  return {
    name: ctx.cipher.decrypt(file.fileName),
    mime: file.mime,
    bytes: await fileStore(ctx.config.dataDir).get(sha256),
  };
}
