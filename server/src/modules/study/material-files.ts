import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { BadInput } from "../../platform/errors.ts";

export const PDF_MIME = "application/pdf";
export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const MAX_MATERIAL_BYTES = 20 * 1024 * 1024;

/** PDF or DOCX by their first bytes, not by the name the uploader gave. */
export function sniffMaterial(file: Buffer): string {
  if (file.subarray(0, 5).toString("latin1") === "%PDF-") return PDF_MIME;
  if (file[0] === 0x50 && file[1] === 0x4b && file.includes(Buffer.from("word/"))) return DOCX_MIME;
  throw new BadInput("file", {
    "zh-CN": "只接受 PDF 或 DOCX 格式的学习资料",
    "en-US": "Only PDF or DOCX materials are accepted",
  });
}

const fileOf = (dataDir: string, sha256: string) =>
  path.join(dataDir, "files", sha256.slice(0, 2), sha256);

/**
 * Stores a file under its SHA-256 (the same document uploaded twice is kept once) by writing
 * to a temporary name and renaming, so a reader never sees half a file.
 */
export async function storeFile(dataDir: string, file: Buffer): Promise<string> {
  const sha256 = createHash("sha256").update(file).digest("hex");
  const target = fileOf(dataDir, sha256);
  await mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, file);
  await rename(temp, target);
  return sha256;
}

export function readStoredFile(dataDir: string, sha256: string) {
  return readFile(fileOf(dataDir, sha256));
}
