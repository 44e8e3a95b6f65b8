import { BadInput } from "../../../platform/errors.ts";
import { FILE_TYPES, sniffFileType } from "../../../platform/files.ts";

export const PDF_MIME = FILE_TYPES.pdf;
export const DOCX_MIME = FILE_TYPES.docx;
export const MAX_MATERIAL_BYTES = 20 * 1024 * 1024;

/** Study materials are documents: PDF or DOCX by their first bytes, not by their name. */
export function sniffMaterial(file: Buffer): string {
  const type = sniffFileType(file);
  if (type === "pdf" || type === "docx") return FILE_TYPES[type];
  throw new BadInput("file", {
    "zh-CN": "只接受 PDF 或 DOCX 格式的学习资料",
    "en-US": "Only PDF or DOCX materials are accepted",
  });
}
