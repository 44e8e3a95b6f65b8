import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { actorOf } from "../../platform/auth/plugin.ts";
import type { AppContext } from "../../platform/context.ts";
import { commonPath } from "../../platform/scope.ts";
import { assertCanReadAudit } from "./audit-log.policy.ts";
import { AuditEventPage, AuditEventsQuery, VerifyResponse } from "./audit-log.schemas.ts";
import { listAuditEvents } from "./list-audit-events.ts";
import { verifyAuditChain } from "./verify-audit-chain.ts";

const tags = ["audit"];

const auditActor = (req: FastifyRequest, actor: Actor) => ({
  userId: actor.userId,
  label: actor.username,
  requestId: req.id,
  ip: req.ip,
});

export async function auditLogRoutes(app: FastifyInstance, ctx: AppContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    "/audit-events",
    {
      schema: {
        tags,
        summary: "审计日志（管辖范围内）",
        querystring: AuditEventsQuery,
        response: { 200: AuditEventPage },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertCanReadAudit(actor);
      const page = await listAuditEvents(ctx.db, actor, req.query);
      // The auditor is audited too: what they looked for and how much they were shown, at the
      // common path of their grants, so the auditor above them sees it.
      await recordAudit(ctx.db, auditActor(req, actor), {
        action: "audit.read",
        entityType: "audit_log",
        entityId: null,
        orgPath: commonPath(actor.grants.map((g) => g.orgPath)),
        after: { query: req.query, shown: page.items.length },
      });
      return page;
    },
  );
  api.get(
    "/audit-events/verify",
    { schema: { tags, summary: "校验审计日志哈希链", response: { 200: VerifyResponse } } },
    async (req) => {
      const actor = actorOf(req);
      assertCanReadAudit(actor);
      const result = await verifyAuditChain(ctx);
      await recordAudit(ctx.db, auditActor(req, actor), {
        action: "audit.verify",
        entityType: "audit_log",
        entityId: null,
        orgPath: commonPath(actor.grants.map((g) => g.orgPath)),
        after: { ok: result.ok, rows: result.rows },
      });
      return result;
    },
  );
}
