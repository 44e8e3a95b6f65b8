import { createHash } from "node:crypto";
import { mkdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { hasExecutable, hasZipInside, isDocx, pdfIsActive, zipEntryNames } from "./file-content.ts";

/**
 * Uploaded files (meeting attachments, evidence, study materials) stored once per content under
 * `<dataDir>/files/sha256/ab/<digest>`: the same file uploaded twice takes the space once, and
 * the digest in the database proves the bytes were not changed later.
 */
export const digestOf = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

export function fileStore(dataDir: string) {
  const root = path.join(dataDir, "files", "sha256");
  const where = (digest: string) => path.join(root, digest.slice(0, 2), digest);
  return {
    async put(bytes: Buffer): Promise<string> {
      const digest = digestOf(bytes);
      const target = where(digest);
      const exists = await stat(target).then(
        () => true,
        () => false,
      );
      if (!exists) {
        await mkdir(path.dirname(target), { recursive: true });
        // Written beside and renamed, so a reader never sees half a file.
        const temp = `${target}.${process.pid}.tmp`;
        await writeFile(temp, bytes);
        await rename(temp, target);
      }
      return digest;
    },
    get(digest: string): Promise<Buffer> {
      return readFile(where(digest));
    },
    /** Whether a file was there to delete. Only through stored-files.ts, which checks use. */
    async remove(digest: string): Promise<boolean> {
      return unlink(where(digest)).then(
        () => true,
        (e: NodeJS.ErrnoException) => {
          if (e.code === "ENOENT") return false;
          throw e;
        },
      );
    },
  };
}

export const FILE_TYPES = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  png: "image/png",
  jpeg: "image/jpeg",
} as const;
export type FileType = keyof typeof FILE_TYPES;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * A file's type by its content, never by the name or Content-Type the uploader sent: a renamed
 * executable is refused, a photo named .pdf is still a photo. Beyond the first bytes: a DOCX
 * must be one well-formed ZIP holding [Content_Types].xml and word/document.xml and no
 * program, script or macro; no file may carry an executable header or, unless it is a ZIP, a
 * ZIP behind it (a polyglot); a PDF may not carry scripts, launch actions or attached files.
 * Null when it is none of the accepted types.
 */
export function sniffFileType(bytes: Buffer): FileType | null {
  if (hasExecutable(bytes)) return null;
  if (bytes.subarray(0, 4).equals(ZIP_SIGNATURE)) {
    const names = zipEntryNames(bytes);
    return names && isDocx(names) ? "docx" : null;
  }
  if (hasZipInside(bytes)) return null;
  if (bytes.subarray(0, 5).toString("latin1") === "%PDF-") return pdfIsActive(bytes) ? null : "pdf";
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return "png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  return null;
}
