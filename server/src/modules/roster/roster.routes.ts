import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf, auditActorOf } from "../../platform/auth/plugin.ts";
import type { AppContext } from "../../platform/context.ts";
import { BadInput } from "../../platform/errors.ts";
import { attachment, fileNameHeader, withRawUploads } from "../../platform/files-http.ts";
import { pickLocale } from "../../platform/i18n.ts";
import { chinaTime, XLSX_MIME } from "../../platform/xlsx.ts";
import { exportRoster } from "./export-roster.ts";
import { importRoster, previewRoster } from "./import-roster.ts";
import { ExportQuery, ImportResponse, PreviewResponse } from "./roster.schemas.ts";
import { rosterTemplate } from "./roster-template.ts";

const tags = ["roster"];
const MAX_FILE = 10 * 1024 * 1024;

function fileOf(req: FastifyRequest): Buffer {
  if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
    throw new BadInput("file", {
      "zh-CN": "请上传 .xlsx 格式的党员名册文件",
      "en-US": "Upload the roster as an .xlsx file",
    });
  }
  return req.body;
}

/** Excel roster import (preview, then one-transaction write), template and streamed export. */
export async function rosterRoutes(api: FastifyInstance, ctx: AppContext) {
  await withRawUploads(api, [XLSX_MIME], MAX_FILE, (scoped) => rosterRoutesIn(scoped, ctx));
}

async function rosterRoutesIn(api: FastifyInstance, ctx: AppContext) {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/roster/template",
    { schema: { tags, summary: "下载党员名册导入模板" } },
    async (_req, reply) =>
      reply
        .type(XLSX_MIME)
        .header("content-disposition", attachment("党员名册导入模板.xlsx", "roster-template.xlsx"))
        .send(await rosterTemplate()),
  );

  r.post(
    "/roster/preview",
    {
      schema: {
        tags,
        summary: "预览名册：逐行列出错误，不写入",
        response: { 200: PreviewResponse },
      },
    },
    async (req) =>
      previewRoster(
        ctx.db,
        actorOf(req),
        ctx.cipher,
        fileOf(req),
        pickLocale(req.headers["accept-language"]),
      ),
  );

  r.post(
    "/roster/import",
    {
      schema: {
        tags,
        summary: "确认导入名册（一个事务，全部写入或全部不写）",
        response: { 200: ImportResponse },
      },
    },
    async (req) =>
      importRoster(
        ctx.db,
        actorOf(req),
        { cipher: ctx.cipher, audit: auditActorOf(req) },
        fileOf(req),
        fileNameHeader(req),
      ),
  );

  r.get(
    "/roster/export",
    {
      schema: {
        tags,
        summary: "按筛选条件导出党员名册（流式，带导出人水印）",
        querystring: ExportQuery,
      },
    },
    async (req, reply) => {
      const now = new Date();
      const stream = await exportRoster(ctx.db, actorOf(req), auditActorOf(req), req.query, now);
      const stamp = chinaTime(now).replace(/[-: ]/g, "").slice(0, 12);
      return reply
        .type(XLSX_MIME)
        .header("content-disposition", attachment(`党员名册-${stamp}.xlsx`, `roster-${stamp}.xlsx`))
        .send(stream);
    },
  );
}
