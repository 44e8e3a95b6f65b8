import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf, auditActorOf } from "../../platform/auth/plugin.ts";
import type { AppContext } from "../../platform/context.ts";
import { attachment } from "../../platform/files-http.ts";
import { XLSX_MIME } from "../../platform/xlsx.ts";
import {
  ImplementationMap,
  ImplementationMapQuery,
  Subordinates,
  SubordinatesQuery,
} from "./dashboards.schemas.ts";
import { exportImplementationMap } from "./export-implementation-map.ts";
import { exportSubordinates } from "./export-subordinates.ts";
import { implementationMap } from "./implementation-map.ts";
import { subordinates } from "./subordinates.ts";

/** The calendar year in China now: what "this year" means to a county committee. */
const thisYear = () => Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));

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

  api.get(
    "/dashboards/subordinates",
    {
      schema: {
        tags,
        summary: "下级组织对比：按整改逾期、未开组织生活会、考试合格率排序",
        querystring: SubordinatesQuery,
        response: { 200: Subordinates },
      },
    },
    async (req) =>
      (await subordinates(ctx.db, actorOf(req), req.query.orgId, req.query.year ?? thisYear()))
        .view,
  );
  api.get(
    "/dashboards/subordinates.xlsx",
    { schema: { tags, summary: "导出下级组织对比（Excel）", querystring: SubordinatesQuery } },
    async (req, reply) => {
      const file = await exportSubordinates(
        ctx.db,
        actorOf(req),
        auditActorOf(req),
        req.query.orgId,
        req.query.year ?? thisYear(),
      );
      return reply
        .type(XLSX_MIME)
        .header("content-disposition", attachment(file.fileName, "subordinates.xlsx"))
        .send(file.bytes);
    },
  );
}
