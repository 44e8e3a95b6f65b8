import { type CellIssue, parseRoster, type RawMember } from "./parse-roster.ts";

/** Rows as read, with the cell issues found in those rows. */
export interface RosterBatch {
  rows: RawMember[];
  issues: CellIssue[];
}

/**
 * Reads a roster file and hands it to `onBatch` a batch at a time; the reading waits while
 * `onBatch` works, so the caller holds one batch of the file at a time, never all of it
 * (issue 10: a 100,000-row import held every row, then every checked row, until its end).
 * A large file is read this way on a worker thread together with its check and write
 * (roster-thread.ts). Returns how many rows were read.
 */
export async function streamRoster(
  file: Buffer,
  onBatch: (batch: RosterBatch) => Promise<void>,
): Promise<number> {
  const { count } = await parseRoster(file, (rows, issues) => onBatch({ rows, issues }));
  return count;
}
