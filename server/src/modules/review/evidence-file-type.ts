import { BadInput } from "../../platform/errors.ts";

export const EVIDENCE_TYPES = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  png: "image/png",
  jpeg: "image/jpeg",
} as const;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The type of an evidence file by its first bytes, never by the name or the Content-Type
 * the uploader sent: a renamed executable is refused, a photo named .pdf is still a photo.
 * DOCX is a ZIP whose entries live under word/; any other ZIP is refused.
 */
export function sniffEvidence(bytes: Buffer): string {
  if (bytes.subarray(0, 5).toString("latin1") === "%PDF-") return EVIDENCE_TYPES.pdf;
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return EVIDENCE_TYPES.png;
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return EVIDENCE_TYPES.jpeg;
  if (
    bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) &&
    bytes.includes(Buffer.from("word/"))
  ) {
    return EVIDENCE_TYPES.docx;
  }
  throw new BadInput("file", {
    "zh-CN": "整改佐证只接受 PDF、DOCX 或图片（PNG、JPEG）文件",
    "en-US": "Evidence must be a PDF, DOCX or image (PNG, JPEG) file",
  });
}
