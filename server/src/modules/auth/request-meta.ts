import type { FastifyRequest } from "fastify";
import type { AuditActor } from "../../platform/audit/record.ts";

/** Where a sign-in request came from, for the session row and the audit log. */
export interface RequestMeta {
  requestId: string;
  ip: string;
  userAgent: string | undefined;
}

export function requestMeta(req: FastifyRequest): RequestMeta {
  return { requestId: req.id, ip: req.ip, userAgent: req.headers["user-agent"] };
}

/**
 * Before sign-in completes there is no actor on the request, yet the audit log must say whose
 * account the attempt was on.
 */
export function auditActorFor(user: { id: number; username: string } | null, meta: RequestMeta) {
  const actor: AuditActor = {
    userId: user?.id ?? null,
    label: user?.username ?? "anonymous",
    requestId: meta.requestId,
    ip: meta.ip,
  };
  return actor;
}
