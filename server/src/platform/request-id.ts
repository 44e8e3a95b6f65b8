import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "x-request-id";

// A proxy's or caller's id is kept only when it is short and plain, so nobody can smuggle
// line breaks, JSON or megabytes into the logs and the audit rows through it.
const CALLER_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$/;

/** The caller's X-Request-Id when it is well formed, otherwise a fresh UUID. */
export function requestIdFor(header: string | string[] | undefined): string {
  return typeof header === "string" && CALLER_ID.test(header) ? header : randomUUID();
}
