import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf, auditActorOf } from "../../platform/auth/plugin.ts";
import type { AppContext } from "../../platform/context.ts";
import { attachment } from "../../platform/files-http.ts";
import { XLSX_MIME } from "../../platform/xlsx.ts";
import { ImplementationMap, ImplementationMapQuery } from "./dashboards.schemas.ts";
import { exportImplementationMap } from "./export-implementation-map.ts";
import { implementationMap } from "./implementation-map.ts";

const tags = ["dashboards"];

export async function dashboardsRoutes(app: FastifyInstance, ctx: AppContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    "/dashboards/implementation-map",
    {
      schema: {
        tags,
        summary: "落实情况：按条款汇总本组织及下级的学习、对照检查、整改和举报",
        querystring: ImplementationMapQuery,
        response: { 200: ImplementationMap },
      },
    },
    async (req) => (await implementationMap(ctx.db, actorOf(req), req.query.orgId)).map,
  );
  api.get(
    "/dashboards/implementation-map.xlsx",
    {
      schema: { tags, summary: "导出落实情况（Excel）", querystring: ImplementationMapQuery },
    },
    async (req, reply) => {
      const file = await exportImplementationMap(
        ctx.db,
        actorOf(req),
        auditActorOf(req),
        req.query.orgId,
      );
      return reply
        .type(XLSX_MIME)
        .header("content-disposition", attachment(file.fileName, "implementation-map.xlsx"))
        .send(file.bytes);
    },
  );
}
