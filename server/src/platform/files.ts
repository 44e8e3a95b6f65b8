import { createHash } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Uploaded files (meeting attachments, evidence, study materials) stored once per content under
 * `<dataDir>/files/sha256/ab/<digest>`: the same file uploaded twice takes the space once, and
 * the digest in the database proves the bytes were not changed later.
 */
export function fileStore(dataDir: string) {
  const root = path.join(dataDir, "files", "sha256");
  const where = (digest: string) => path.join(root, digest.slice(0, 2), digest);
  return {
    async put(bytes: Buffer): Promise<string> {
      const digest = createHash("sha256").update(bytes).digest("hex");
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
 * A file's type by its first bytes, never by the name or Content-Type the uploader sent: a
 * renamed executable is refused, a photo named .pdf is still a photo. DOCX is a ZIP whose
 * entries live under word/; any other ZIP is not a DOCX. Null when it is none of these.
 */
export function sniffFileType(bytes: Buffer): FileType | null {
  if (bytes.subarray(0, 5).toString("latin1") === "%PDF-") return "pdf";
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return "png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.subarray(0, 4).equals(ZIP_SIGNATURE) && bytes.includes(Buffer.from("word/"))) {
    return "docx";
  }
  return null;
}
