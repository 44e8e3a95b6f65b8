import { Coalescer } from "../../../platform/db/coalescer.ts";
import { batchQueries, type Queryable } from "../../../platform/db/pool.ts";
import {
  type AttemptKey,
  findAttemptKeys,
  type Submission,
  submitManyWithAudit,
} from "./attempts.repo.ts";

/**
 * The deadline rush's two statements, each coalesced across the requests in flight (ADR 0034).
 * At most `PARALLEL` batches of each run at once on a pool of ten, so reads and writes together
 * leave connections for every other request the server is answering meanwhile. Two, not three:
 * fewer and larger batches measured faster on two cores (docs/benchmarks.md), and one batch
 * slow on a lock still leaves the other running.
 */
export const PARALLEL = 2;
export const MAX_BATCH = 64;

interface Batches {
  keys: Coalescer<number, AttemptKey | null>;
  submits: Coalescer<Submission, boolean>;
}

const byPool = new WeakMap<Queryable, Batches>();

function batchesOf(db: Queryable): Batches {
  let batches = byPool.get(db);
  if (!batches) {
    const on = batchQueries(db);
    batches = {
      keys: new Coalescer({
        run: (ids) => findAttemptKeys(on, ids),
        maxBatch: MAX_BATCH,
        parallel: PARALLEL,
      }),
      submits: new Coalescer({
        run: (subs) => submitManyWithAudit(on, subs),
        key: (sub) => sub.id,
        maxBatch: MAX_BATCH,
        parallel: PARALLEL,
      }),
    };
    byPool.set(db, batches);
  }
  return batches;
}

export function readAttemptKey(db: Queryable, id: number): Promise<AttemptKey | null> {
  return batchesOf(db).keys.submit(id);
}

/** Whether the attempt closed now; false when it was closed already or its time had run out. */
export function submitScored(db: Queryable, sub: Submission): Promise<boolean> {
  return batchesOf(db).submits.submit(sub);
}
