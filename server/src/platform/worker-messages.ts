// What crosses between a worker thread and the thread that started it. Kept apart from
// workers.ts so a worker's bundle (see runWorker) carries none of the thread-starting code.
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

export function reviveError(e: SerializedError): Error {
  if (e.text && e.status === 400 && e.field) return new BadInput(e.field, e.text, e.code);
  if (e.text && e.status && e.code) return new DomainError(e.status, e.code, e.text, e.field);
  return new Error(e.message);
}
