import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppContext } from "../context.ts";
import { commonPath } from "../scope.ts";
import { recordAudit } from "./record.ts";

const WINDOW_MS = 60_000;
/** Rows per client address a minute: a scripted flood of refusals must not flood the chain. */
const PER_ADDRESS = 30;

/**
 * Writes an `access.refused` audit row for every 401 and 403 on the API's guarded routes
 * (not sign-in itself, which audits its own outcomes): who was refused, which route with which
 * ids, and why. A signed-in caller's 404 on a route that names a record by id counts too:
 * records outside one's scope answer 404 so as not to confirm they exist, and an auditor must
 * still see someone walking ids in a sibling subtree. A row sits at the org path of the caller's grants, so the auditor above them
 * sees their refusals; a caller without a session is an unscoped row for the top-level auditor.
 * Past 30 a minute from one address, rows are counted and the next row carries the count.
 */
export function registerRefusalAudit(app: FastifyInstance, ctx: AppContext) {
  const windows = new Map<string, { start: number; rows: number; suppressed: number }>();
  // A callback hook, so the answers that are no refusal (nearly all) cost no promise.
  app.addHook("onSend", (req, reply, payload, done) => {
    const status = reply.statusCode;
    if (!refused(req, status) || !guarded(req)) return done(null, payload);
    record(req, status, payload).then(() => done(null, payload));
  });

  /** Writes the refusal's row, or counts it past the address's limit; never rejects. */
  async function record(req: FastifyRequest, status: number, payload: unknown) {
    const now = Date.now();
    let w = windows.get(req.ip);
    if (!w || now - w.start >= WINDOW_MS) {
      if (windows.size > 10_000) windows.clear();
      w = { start: now, rows: 0, suppressed: w?.suppressed ?? 0 };
      windows.set(req.ip, w);
    }
    if (w.rows >= PER_ADDRESS) {
      w.suppressed += 1;
      return;
    }
    w.rows += 1;
    const suppressed = w.suppressed;
    w.suppressed = 0;
    try {
      await recordAudit(
        ctx.db,
        {
          userId: req.actor?.userId ?? null,
          label: req.actor?.username ?? "anonymous",
          requestId: req.id,
          ip: req.ip,
        },
        {
          action: "access.refused",
          entityType: "route",
          entityId: `${req.method} ${req.routeOptions.url}`,
          orgPath: req.actor ? commonPath(req.actor.grants.map((g) => g.orgPath)) : null,
          after: {
            status,
            code: errorCode(payload),
            params: req.params,
            ...(suppressed > 0 ? { suppressedBefore: suppressed } : {}),
          },
        },
      );
    } catch (error) {
      // The refusal stands whether or not its row could be written; the log keeps the trace.
      req.log.error({ err: error }, "could not audit a refused request");
    }
  }
}

function refused(req: FastifyRequest, status: number): boolean {
  if (status === 401 || status === 403) return true;
  return status === 404 && req.actor != null && (req.routeOptions.url ?? "").includes("/:");
}

function guarded(req: FastifyRequest): boolean {
  const url = req.routeOptions.url ?? "";
  return (
    url.startsWith("/api/") &&
    !url.startsWith("/api/auth/") &&
    (req.routeOptions.config?.access ?? "active") !== "public"
  );
}

function errorCode(payload: unknown): string | null {
  if (typeof payload !== "string") return null;
  try {
    return (JSON.parse(payload) as { error?: { code?: string } }).error?.code ?? null;
  } catch {
    return null;
  }
}
