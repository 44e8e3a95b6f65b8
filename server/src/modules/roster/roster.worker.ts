// Worker-thread entry: previews or imports one large roster (roster-thread.ts) with a database
// connection and a field cipher of its own, posting progress while it works.
import { parentPort, workerData } from "node:worker_threads";
import { FieldCipher } from "../../platform/crypto.ts";
import { createPool } from "../../platform/db/pool.ts";
import type { Progress } from "../../platform/progress-jobs.ts";
import { serializeError, type WorkerMessage } from "../../platform/worker-messages.ts";
import { importRoster, previewRoster } from "./import-roster.ts";
import type { RosterJobData } from "./roster-thread.ts";

const port = parentPort;
if (!port) throw new Error("roster.worker.ts runs only as a worker thread");
const data = workerData as RosterJobData;
const post = (m: WorkerMessage<unknown>) => port.postMessage(m);

async function run(): Promise<unknown> {
  const deps = { cipher: FieldCipher.fromWorkerRing(data.keys), audit: data.audit };
  const report = (batch: Progress) => post({ kind: "batch", batch });
  const file = Buffer.from(data.file);
  // One connection: the import is one transaction, and the preview's queries run one by one.
  const db = createPool(data.connection, 1);
  try {
    return data.mode === "preview"
      ? await previewRoster(db, data.actor, deps, file, data.locale, report)
      : await importRoster(db, data.actor, deps, file, data.fileName, report);
  } finally {
    await db.end();
  }
}

run().then(
  (value) => post({ kind: "result", value }),
  (error: unknown) => post({ kind: "error", error: serializeError(error) }),
);
