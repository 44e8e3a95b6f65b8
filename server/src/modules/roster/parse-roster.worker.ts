// Worker-thread entry: reads a roster workbook off the event loop and streams its rows back.
import { parentPort, workerData } from "node:worker_threads";
import { serializeError } from "../../platform/workers.ts";
import { parseRoster } from "./parse-roster.ts";

const port = parentPort;
if (!port) throw new Error("parse-roster.worker.ts runs only as a worker thread");
const file = Buffer.from(workerData.file as ArrayBuffer);
let done = 0;
parseRoster(file, (rows) => {
  done += rows.length;
  port.postMessage({ kind: "batch", items: rows });
  port.postMessage({ kind: "progress", done });
})
  .then(({ issues, count }) => port.postMessage({ kind: "result", value: { issues, count } }))
  .catch((error: unknown) => port.postMessage({ kind: "error", error: serializeError(error) }));
