import { BadInput } from "../../platform/errors.ts";
import { FILE_TYPES, sniffFileType } from "../../platform/files.ts";

export const EVIDENCE_TYPES = FILE_TYPES;

/** Evidence may be a PDF, a DOCX or a photo, recognised by its first bytes. */
export function sniffEvidence(bytes: Buffer): string {
  const type = sniffFileType(bytes);
  if (type) return FILE_TYPES[type];
  throw new BadInput("file", {
    "zh-CN": "整改佐证只接受 PDF、DOCX 或图片（PNG、JPEG）文件",
    "en-US": "Evidence must be a PDF, DOCX or image (PNG, JPEG) file",
  });
}
