import { createHash } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Attachments stored once per content under `<dataDir>/files/sha256/ab/<digest>`: the same
 * file uploaded to two meetings takes the space once, and a digest in the database proves
 * the bytes were not changed later.
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
