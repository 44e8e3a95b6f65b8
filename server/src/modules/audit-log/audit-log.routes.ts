import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../../platform/auth/plugin.ts";
import type { AppContext } from "../../platform/context.ts";
import { assertCanReadAudit } from "./audit-log.policy.ts";
import { listAuditEvents } from "./audit-log.repo.ts";
import { AuditEventPage, AuditEventsQuery, VerifyResponse } from "./audit-log.schemas.ts";
import { verifyAuditChain } from "./verify-audit-chain.ts";

const tags = ["audit"];

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
      return listAuditEvents(ctx.db, actor, req.query);
    },
  );
  api.get(
    "/audit-events/verify",
    { schema: { tags, summary: "校验审计日志哈希链", response: { 200: VerifyResponse } } },
    async (req) => {
      assertCanReadAudit(actorOf(req));
      return verifyAuditChain(ctx.db);
    },
  );
}
