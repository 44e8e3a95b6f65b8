import type { Queryable } from "./db/pool.ts";
import { digestOf, fileStore } from "./files.ts";

/**
 * Storing and deleting a content-addressed file are ordered by an advisory lock on its
 * digest. Without it, an upload could find the file already there, a deletion could see no
 * row naming it yet and remove it, and the upload's row would then name a missing file.
 */
const LOCK_KEY = "hashtextextended('stored-file:' || $1, 0)";

/**
 * Stores the bytes for a row that this transaction inserts next. The shared lock is held to
 * commit, so no deletion can run between writing the file and the row becoming visible.
 */
export async function storeFileFor(tx: Queryable, dataDir: string, bytes: Buffer) {
  const digest = digestOf(bytes);
  await tx.query(`SELECT pg_advisory_xact_lock_shared(${LOCK_KEY})`, [digest]);
  await fileStore(dataDir).put(bytes);
  return digest;
}

/**
 * Deletes those of `digests` that no row names any more (`stored_file_refs` lists every
 * column that names a file, in every module). Call it inside the transaction that stopped
 * naming them: its own change counts, an upload in flight waits or is waited for. If that
 * transaction then fails, the rows it kept name files already gone; only erasure calls this,
 * for data past its retention that the next run erases again.
 */
export async function deleteUnusedFiles(
  tx: Queryable,
  dataDir: string,
  digests: string[],
): Promise<number> {
  const store = fileStore(dataDir);
  let deleted = 0;
  // Sorted, so two runs releasing the same files lock them in one order and cannot deadlock.
  for (const digest of [...new Set(digests)].sort()) {
    await tx.query(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`, [digest]);
    const used = await tx.query("SELECT 1 FROM stored_file_refs WHERE sha256 = $1 LIMIT 1", [
      digest,
    ]);
    if (used.rowCount === 0 && (await store.remove(digest))) deleted += 1;
  }
  return deleted;
}
