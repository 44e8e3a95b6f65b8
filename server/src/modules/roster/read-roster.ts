import { runWorker } from "../../platform/workers.ts";
import { type CellIssue, parseRoster, type RawMember } from "./parse-roster.ts";

/**
 * Files above this size are read on a worker thread. A branch's roster (a few hundred rows,
 * tens of KB) reads in milliseconds, less than a worker takes to start; a 100,000-row
 * workbook takes seconds of CPU to inflate and parse, which on the main thread would stall
 * every other request.
 */
export const WORKER_FROM_BYTES = 64 * 1024;

/** Reads a roster file, telling `onProgress` how many rows have been read so far. */
export async function readRoster(
  file: Buffer,
  onProgress?: (rowsRead: number) => void,
  workerFromBytes = WORKER_FROM_BYTES,
): Promise<{ rows: RawMember[]; issues: CellIssue[] }> {
  if (file.length < workerFromBytes) {
    const { rows, issues } = await parseRoster(file);
    onProgress?.(rows.length);
    return { rows, issues };
  }
  // A copy the worker can own: the request's buffer may be a slice of a shared pool.
  const bytes = new Uint8Array(file).buffer;
  const rows: RawMember[] = [];
  const { issues } = await runWorker<{ issues: CellIssue[]; count: number }>(
    new URL("./parse-roster.worker.ts", import.meta.url),
    { file: bytes },
    {
      transfer: [bytes],
      // V8's default young generation let a 100,000-row read peak ~170 MB above the process's
      // idle size; at 16 MB it peaked ~125 MB above it and read no slower (issue 10).
      maxYoungMb: 16,
      onBatch: (items) => {
        for (const item of items) rows.push(item as RawMember);
      },
      onProgress,
    },
  );
  return { rows, issues };
}
