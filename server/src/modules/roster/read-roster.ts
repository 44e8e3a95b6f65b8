import { runWorker } from "../../platform/workers.ts";
import { type CellIssue, parseRoster, type RawMember } from "./parse-roster.ts";

/**
 * Files above this size are read on a worker thread. A branch's roster (a few hundred rows,
 * tens of KB) reads in milliseconds, less than a worker takes to start; a 100,000-row
 * workbook takes seconds of CPU to inflate and parse, which on the main thread would stall
 * every other request.
 */
export const WORKER_FROM_BYTES = 64 * 1024;

/** Rows as read, with the cell issues found in those rows. */
export interface RosterBatch {
  rows: RawMember[];
  issues: CellIssue[];
}

/**
 * Reads a roster file and hands it to `onBatch` a batch at a time; the reading waits while
 * `onBatch` works, so the caller holds one batch of the file at a time, never all of it
 * (issue 10: a 100,000-row import held every row, then every checked row, until its end).
 * A small file comes as one batch. Returns how many rows were read.
 */
export async function streamRoster(
  file: Buffer,
  onBatch: (batch: RosterBatch) => Promise<void>,
  workerFromBytes = WORKER_FROM_BYTES,
): Promise<number> {
  if (file.length < workerFromBytes) {
    const { rows, issues, count } = await parseRoster(file);
    await onBatch({ rows, issues });
    return count;
  }
  // A copy the worker can own: the request's buffer may be a slice of a shared pool.
  const bytes = new Uint8Array(file).buffer;
  const { count } = await runWorker<{ count: number }>(
    new URL("./parse-roster.worker.ts", import.meta.url),
    { file: bytes },
    {
      transfer: [bytes],
      // V8's default young generation let a 100,000-row read peak ~170 MB above the process's
      // idle size; at 16 MB it peaked ~125 MB above it and read no slower (issue 10).
      maxYoungMb: 16,
      paced: true,
      onBatch: (batch) => onBatch(batch as RosterBatch),
    },
  );
  return count;
}
