import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { can } from "../../platform/auth/actor.ts";
import { actorOf, auditActorOf, requirePermission } from "../../platform/auth/plugin.ts";
import type { AppContext } from "../../platform/context.ts";
import { sendFile } from "../../platform/files-http.ts";
import { correctProvision } from "./correct-provision.ts";
import { diffVersions } from "./diff-versions.ts";
import { exportRegulation } from "./export-regulation.ts";
import { importRegulation } from "./import-regulation.ts";
import { previewImport } from "./preview-import.ts";
import { getArticle, getDocumentTree, listProvisions } from "./read-regulation.ts";
import { listDocuments } from "./regulations.query-repo.ts";
import {
  ArticleOut,
  ArticleParams,
  CorrectionBody,
  CorrectionParams,
  DiffQuery,
  DocParams,
  DocumentList,
  DocumentTree,
  ExportQuery,
  ImportBody,
  ImportPreviewResponse,
  ImportResponse,
  ProvisionList,
  ProvisionsQuery,
  SearchQuery,
  SearchResponse,
  VersionQuery,
} from "./regulations.schemas.ts";
import { searchRegulations } from "./search-regulations.ts";

const tags = ["regulations"];

export async function regulationsRoutes(app: FastifyInstance, ctx: AppContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const reader = (req: Parameters<typeof actorOf>[0]) =>
    requirePermission(can(actorOf(req), "regulations:read"));

  api.get(
    "/regulations",
    { schema: { tags, summary: "规定及其版本", response: { 200: DocumentList } } },
    async (req) => {
      reader(req);
      return { items: await listDocuments(ctx.db) };
    },
  );

  api.get(
    "/regulations/search",
    {
      schema: {
        tags,
        summary: "中文检索条款（分词、高亮）",
        querystring: SearchQuery,
        response: { 200: SearchResponse },
      },
    },
    async (req) => {
      reader(req);
      return searchRegulations(ctx.db, req.query);
    },
  );

  api.post(
    "/regulations/import/preview",
    {
      schema: {
        tags,
        summary: "预览导入：解析文本并与当前最新版本对照，不写入（系统管理员）",
        body: ImportBody,
        response: { 200: ImportPreviewResponse },
      },
    },
    async (req) => {
      requirePermission(can(actorOf(req), "regulations:write"));
      return previewImport(ctx.db, req.body.text);
    },
  );

  api.post(
    "/regulations/import",
    {
      schema: {
        tags,
        summary: "导入规定新版本（系统管理员）",
        body: ImportBody,
        response: { 200: ImportResponse },
      },
    },
    async (req) => {
      requirePermission(can(actorOf(req), "regulations:write"));
      return importRegulation(ctx.db, auditActorOf(req), req.body);
    },
  );

  api.get(
    "/regulations/:docId",
    {
      schema: {
        tags,
        summary: "规定目录（章与条）",
        params: DocParams,
        querystring: VersionQuery,
        response: { 200: DocumentTree },
      },
    },
    async (req) => {
      reader(req);
      return getDocumentTree(ctx.db, req.params.docId, req.query.version);
    },
  );

  api.get(
    "/regulations/:docId/articles/:number",
    {
      schema: {
        tags,
        summary: "一条条文及其条款、引用",
        params: ArticleParams,
        querystring: VersionQuery,
        response: { 200: ArticleOut },
      },
    },
    async (req) => {
      reader(req);
      return getArticle(ctx.db, req.params.docId, req.params.number, req.query.version);
    },
  );

  api.get(
    "/regulations/:docId/provisions",
    {
      schema: {
        tags,
        summary: "按类型与约束对象筛选条款",
        params: DocParams,
        querystring: ProvisionsQuery,
        response: { 200: ProvisionList },
      },
    },
    async (req) => {
      reader(req);
      return listProvisions(ctx.db, req.params.docId, req.query);
    },
  );

  api.get(
    "/regulations/:docId/diff",
    {
      schema: {
        tags,
        summary: "两个版本之间的逐条差异",
        params: DocParams,
        querystring: DiffQuery,
      },
    },
    async (req) => {
      reader(req);
      return diffVersions(ctx.db, req.params.docId, req.query.from, req.query.to);
    },
  );

  api.get(
    "/regulations/:docId/export",
    {
      schema: {
        tags,
        summary: "导出 Word / JSON / Akoma Ntoso / Markdown",
        params: DocParams,
        querystring: ExportQuery,
      },
    },
    async (req, reply) => {
      reader(req);
      const file = await exportRegulation(
        ctx.db,
        req.params.docId,
        req.query.format,
        req.query.version,
      );
      return sendFile(reply, file.contentType, file.fileName, file.asciiName, file.body);
    },
  );

  api.post(
    "/regulations/provisions/:provisionId/corrections",
    {
      schema: {
        tags,
        summary: "更正条款标注（与自动标注并存）",
        params: CorrectionParams,
        body: CorrectionBody,
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(can(actor, "regulations:annotate"));
      return correctProvision(
        ctx.db,
        { ...auditActorOf(req), userId: actor.userId },
        req.params.provisionId,
        req.body,
      );
    },
  );
}
