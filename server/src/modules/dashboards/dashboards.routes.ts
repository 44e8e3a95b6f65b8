import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf, auditActorOf } from "../../platform/auth/plugin.ts";
import { chinaYear } from "../../platform/china-date.ts";
import type { AppContext } from "../../platform/context.ts";
import { sendFile } from "../../platform/files-http.ts";
import { XLSX_MIME } from "../../platform/xlsx.ts";
import {
  ImplementationMap,
  ImplementationMapQuery,
  Subordinates,
  SubordinatesQuery,
  Trends,
  TrendsQuery,
} from "./dashboards.schemas.ts";
import { exportImplementationMap } from "./export-implementation-map.ts";
import { exportSubordinates } from "./export-subordinates.ts";
import { implementationMap } from "./implementation-map.ts";
import { subordinates } from "./subordinates.ts";
import { trends } from "./trends.ts";

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
      return sendFile(reply, XLSX_MIME, file.fileName, "implementation-map.xlsx", file.bytes);
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
      (await subordinates(ctx.db, actorOf(req), req.query.orgId, req.query.year ?? chinaYear()))
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
        req.query.year ?? chinaYear(),
      );
      return sendFile(reply, XLSX_MIME, file.fileName, "subordinates.xlsx", file.bytes);
    },
  );

  api.get(
    "/dashboards/trends",
    {
      schema: {
        tags,
        summary: "按月趋势：党员人数、考试合格、组织生活会、整改（读汇总表）",
        querystring: TrendsQuery,
        response: { 200: Trends },
      },
    },
    async (req) => trends(ctx.db, actorOf(req), req.query.orgId, req.query.year ?? chinaYear()),
  );
}
