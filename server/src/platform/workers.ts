import { Worker } from "node:worker_threads";
import { BadInput, DomainError } from "./errors.ts";

/** What a worker posts: batches while it runs, then one result or one error. */
export type WorkerMessage<R> =
  | { kind: "batch"; batch: unknown }
  | { kind: "result"; value: R }
  | { kind: "error"; error: SerializedError };

export interface SerializedError {
  status?: number;
  code?: string;
  field?: string;
  text?: { "zh-CN": string; "en-US": string };
  message: string;
}

/** A DomainError survives the thread boundary as data, and becomes one again on this side. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof DomainError)
    return {
      status: error.status,
      code: error.code,
      field: error.field,
      text: error.text,
      message: error.message,
    };
  return { message: error instanceof Error ? error.message : String(error) };
}

function reviveError(e: SerializedError): Error {
  if (e.text && e.status === 400 && e.field) return new BadInput(e.field, e.text, e.code);
  if (e.text && e.status && e.code) return new DomainError(e.status, e.code, e.text, e.field);
  return new Error(e.message);
}

/**
 * Starts a long-lived TypeScript worker (one that takes several jobs by message); the caller
 * terminates it. `data` becomes its workerData.
 */
export function startWorker(entry: URL, data: Record<string, unknown>): Worker {
  return new Worker(new URL("./worker-boot.mjs", import.meta.url), {
    workerData: { ...data, entry: entry.href },
  });
}

/**
 * Runs a TypeScript worker entry on its own thread, so CPU-heavy work (reading a workbook,
 * encrypting a million fields) never holds the event loop. The entry receives `data` as its
 * workerData; `onBatch` gets what it streams back. With `paced`, the worker learns so from
 * its workerData and waits after each batch for a "more" message, sent once `onBatch` has
 * settled: a reader faster than the writer behind it would otherwise queue the whole file
 * in this thread's memory. The heap cap makes a runaway file fail that one request instead of the process.
 */
export function runWorker<R>(
  entry: URL,
  data: Record<string, unknown>,
  options: {
    transfer?: ArrayBuffer[];
    onBatch?: (batch: unknown) => void | Promise<void>;
    paced?: boolean;
    maxHeapMb?: number;
    maxYoungMb?: number;
  } = {},
): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    const worker = new Worker(new URL("./worker-boot.mjs", import.meta.url), {
      workerData: { ...data, paced: options.paced === true, entry: entry.href },
      transferList: options.transfer,
      resourceLimits: {
        maxOldGenerationSizeMb: options.maxHeapMb ?? 192,
        ...(options.maxYoungMb ? { maxYoungGenerationSizeMb: options.maxYoungMb } : {}),
      },
    });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on("message", (m: WorkerMessage<R>) => {
      if (m.kind === "batch") {
        const handled = options.onBatch?.(m.batch);
        if (options.paced)
          Promise.resolve(handled).then(
            () => {
              if (!settled) worker.postMessage("more");
            },
            (error: unknown) => settle(() => reject(error)),
          );
      } else if (m.kind === "result") settle(() => resolve(m.value));
      else settle(() => reject(reviveError(m.error)));
    });
    worker.on("error", (error) => settle(() => reject(error)));
    worker.on("exit", (code) =>
      settle(() => reject(new Error(`worker exited with code ${code} before answering`))),
    );
  });
}
