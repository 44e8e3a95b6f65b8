import type { AuditActor } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { FieldCipher, FieldKeySpec } from "../../platform/crypto.ts";
import { connectionStringOf, type Db } from "../../platform/db/pool.ts";
import { BadInput } from "../../platform/errors.ts";
import type { Locale } from "../../platform/i18n.ts";
import type { Progress } from "../../platform/progress-jobs.ts";
import { Slots } from "../../platform/slots.ts";
import { runWorker } from "../../platform/workers.ts";
import { authorize } from "../members/members.policy.ts";
import { importRoster, previewRoster } from "./import-roster.ts";
import type { ImportResponse, PreviewResponse } from "./roster.schemas.ts";

/**
 * Files from this size on are read, checked and written on a worker thread. A branch's roster
 * (a few hundred rows, tens of KB) is done in milliseconds, less than a worker takes to start.
 */
export const WORKER_FROM_BYTES = 64 * 1024;

/**
 * The worker's heap. A 100,000-row import run on the main thread let that thread's heap grow
 * to 2-3 times its live size between full collections, 266-380 MiB in all (issue 10); a
 * thread of its own with a capped heap collects before it grows that far, and a file that
 * would need more fails alone instead of the server.
 */
const HEAP_MB = 128;
const YOUNG_MB = 16;

/**
 * One large roster at a time per server process; the next waits, its job showing 排队中. Two
 * 100,000-row imports at once would each bring a worker of up to HEAP_MB, past issue 10's
 * 300 MB; a branch's small roster never waits, since it does not use a worker.
 */
const workers = new Slots(1);

export interface RosterDeps {
  db: Db;
  cipher: FieldCipher;
  audit: AuditActor;
}

type Report = (p: Progress) => void;
const silent: Report = () => {};

/** Where the work runs: tests move the size line and the heap to try both threads and the cap. */
export interface Placement {
  workerFromBytes?: number;
  heapMb?: number;
}

/** What roster.worker.ts is given: the work, and what it needs to reach the database itself. */
export type RosterWork =
  | { mode: "preview"; locale: Locale }
  | { mode: "import"; fileName: string | null };
export type RosterJobData = RosterWork & {
  file: ArrayBuffer;
  actor: Actor;
  audit: AuditActor;
  connection: string;
  keys: FieldKeySpec[];
};

/** previewRoster, on a worker thread for a large file. */
export function previewRosterFile(
  deps: RosterDeps,
  actor: Actor,
  file: Buffer,
  locale: Locale,
  report: Report = silent,
  placement: Placement = {},
): Promise<PreviewResponse> {
  authorize(actor, "create");
  if (file.length < (placement.workerFromBytes ?? WORKER_FROM_BYTES))
    return previewRoster(deps.db, actor, deps, file, locale, report);
  return onWorker({ mode: "preview", locale }, deps, actor, file, report, placement);
}

/** importRoster, on a worker thread (with a connection of its own) for a large file. */
export function importRosterFile(
  deps: RosterDeps,
  actor: Actor,
  file: Buffer,
  fileName: string | null,
  report: Report = silent,
  placement: Placement = {},
): Promise<ImportResponse> {
  authorize(actor, "create");
  if (file.length < (placement.workerFromBytes ?? WORKER_FROM_BYTES))
    return importRoster(deps.db, actor, deps, file, fileName, report);
  return onWorker({ mode: "import", fileName }, deps, actor, file, report, placement);
}

async function onWorker<R>(
  work: RosterWork,
  deps: RosterDeps,
  actor: Actor,
  file: Buffer,
  report: Report,
  placement: Placement,
): Promise<R> {
  // A copy the worker can own: the request's buffer may be a slice of a shared pool.
  const bytes = new Uint8Array(file).buffer;
  const data: RosterJobData = {
    ...work,
    file: bytes,
    actor,
    audit: deps.audit,
    connection: connectionStringOf(deps.db),
    keys: deps.cipher.ringForWorker(),
  };
  const run = () =>
    runWorker<R>(new URL("./roster.worker.ts", import.meta.url), data, {
      transfer: [bytes],
      maxHeapMb: placement.heapMb ?? HEAP_MB,
      maxYoungMb: YOUNG_MB,
      onBatch: (progress) => report(progress as Progress),
    });
  try {
    return await workers.run(run, () => report({ stage: "queued", done: 0, total: null }));
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY") throw tooBig();
    throw error;
  }
}

function tooBig() {
  return new BadInput(
    "file",
    {
      "zh-CN": "名册内容过多，超出一次导入可用的内存，请按党组织分成几个文件后分别导入",
      "en-US": "The roster needs more memory than one import may use; split it by organization",
    },
    "roster_too_large",
  );
}
