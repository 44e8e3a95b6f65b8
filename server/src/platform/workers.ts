import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { reviveError, type WorkerMessage } from "./worker-messages.ts";

/**
 * Starts a long-lived worker (one that takes several jobs by message) from the bundle of its
 * TypeScript entry; the caller terminates it. `data` becomes its workerData.
 */
export async function startWorker(entry: URL, data: Record<string, unknown>): Promise<Worker> {
  return new Worker(await workerBundle(entry), { eval: true, workerData: data });
}

const bundles = new Map<string, Promise<string>>();

/**
 * The entry and everything it imports as one CommonJS script, built once per process. A
 * worker that ran the TypeScript itself would register tsx, whose module hooks run on a
 * thread of their own: with its transpiler that cost each worker ~30 MB (issue 10, ADR 0031).
 */
export function workerBundle(entry: URL): Promise<string> {
  let code = bundles.get(entry.href);
  if (!code) {
    code = import("esbuild").then(async (esbuild) => {
      const out = await esbuild.build({
        entryPoints: [fileURLToPath(entry)],
        bundle: true,
        platform: "node",
        format: "cjs",
        target: "node20",
        write: false,
        logLevel: "silent",
      });
      // esbuild's service is a child process; the next bundle starts it again.
      await esbuild.stop();
      return out.outputFiles[0]?.text ?? "";
    });
    code.catch(() => bundles.delete(entry.href));
    bundles.set(entry.href, code);
  }
  return code;
}

export interface RunOptions {
  transfer?: ArrayBuffer[];
  onBatch?: (batch: unknown) => void;
  maxHeapMb?: number;
  maxYoungMb?: number;
}

/**
 * Runs a TypeScript worker entry, bundled by `workerBundle`, on its own thread, so CPU-heavy
 * work (reading a workbook) never holds the event loop. The entry receives `data` as its
 * workerData; `onBatch` gets what it streams back (a roster's progress). The heap cap makes a
 * runaway file fail that one request instead of the process.
 */
export async function runWorker<R>(
  entry: URL,
  data: Record<string, unknown>,
  options: RunOptions = {},
): Promise<R> {
  return runBundle<R>(await workerBundle(entry), data, options);
}

function runBundle<R>(
  code: string,
  data: Record<string, unknown>,
  options: RunOptions,
): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    const worker = new Worker(code, {
      eval: true,
      workerData: data,
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
      if (m.kind === "batch") options.onBatch?.(m.batch);
      else if (m.kind === "result") settle(() => resolve(m.value));
      else settle(() => reject(reviveError(m.error)));
    });
    worker.on("error", (error) => settle(() => reject(error)));
    worker.on("exit", (code) =>
      settle(() => reject(new Error(`worker exited with code ${code} before answering`))),
    );
  });
}
