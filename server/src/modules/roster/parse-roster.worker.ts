// Worker-thread entry: reads a roster workbook off the event loop and streams its rows back,
// waiting after each batch when the reader behind it asked for pacing (platform/workers.ts).
import { parentPort, workerData } from "node:worker_threads";
import { serializeError } from "../../platform/worker-messages.ts";
import { parseRoster } from "./parse-roster.ts";

const port = parentPort;
if (!port) throw new Error("parse-roster.worker.ts runs only as a worker thread");
const file = Buffer.from(workerData.file as ArrayBuffer);
const paced = workerData.paced === true;
const more = () => new Promise<void>((resolve) => port.once("message", () => resolve()));
parseRoster(file, async (rows, issues) => {
  port.postMessage({ kind: "batch", batch: { rows, issues } });
  if (paced) await more();
})
  .then(({ count }) => port.postMessage({ kind: "result", value: { count } }))
  .catch((error: unknown) => port.postMessage({ kind: "error", error: serializeError(error) }));
