import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, auditActorOf } from "../../../platform/auth/plugin.ts";
import type { AppContext } from "../../../platform/context.ts";
import { fileNameHeader, sendFile } from "../../../platform/files-http.ts";
import { listArticles, listMaterials } from "../bank/list-bank.ts";
import { ArticleList, IdParams } from "../study.schemas.ts";
import { Created, uploaded } from "../study-http.ts";
import { createMaterial } from "./create-material.ts";
import { getMaterialFile } from "./get-material-file.ts";
import { markMaterialRead } from "./mark-material-read.ts";
import * as s from "./materials.schemas.ts";

const tags = ["study"];

const ReadParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53),
  materialId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53),
});

/** 学习资料: articles, links and uploaded files; a member marks what they read. */
export async function materialsRoutes(api: FastifyInstance, ctx: AppContext) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/study/articles",
    { schema: { tags, summary: "现行条文（供标注试题与资料）", response: { 200: ArticleList } } },
    async (req) => listArticles(ctx.db, actorOf(req)),
  );

  r.get(
    "/study/materials",
    {
      schema: {
        tags,
        summary: "学习资料（分页，可按标题查找）",
        querystring: s.MaterialListQuery,
        response: { 200: s.MaterialList },
      },
    },
    async (req) => listMaterials(ctx.db, actorOf(req), req.query),
  );
  r.post(
    "/study/materials",
    {
      schema: {
        tags,
        summary: "新增学习资料（条文或链接）",
        body: s.MaterialInput,
        response: { 201: Created },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await createMaterial(
            ctx.db,
            actorOf(req),
            auditActorOf(req),
            ctx.config.dataDir,
            req.body,
          ),
        ),
  );
  r.post(
    "/study/materials/upload",
    {
      schema: {
        tags,
        summary: "上传学习资料（PDF/DOCX）",
        querystring: s.UploadQuery,
        headers: s.UploadHeaders,
        response: { 201: Created },
      },
    },
    async (req, reply) => {
      const created = await createMaterial(
        ctx.db,
        actorOf(req),
        auditActorOf(req),
        ctx.config.dataDir,
        {
          kind: "file",
          orgId: req.query.orgId,
          title: req.query.title,
          articleIds: req.query.articleIds,
          file: {
            bytes: uploaded(req),
            name: fileNameHeader(req) ?? "",
          },
        },
      );
      return reply.status(201).send(created);
    },
  );

  r.post(
    "/study/tasks/:id/materials/:materialId/read",
    { schema: { tags, summary: "标记必学资料已学", params: ReadParams } },
    async (req) =>
      markMaterialRead(
        ctx.db,
        actorOf(req),
        auditActorOf(req),
        req.params.id,
        req.params.materialId,
      ),
  );
  r.get(
    "/study/materials/:id/file",
    { schema: { tags, summary: "下载学习资料文件", params: IdParams } },
    async (req, reply) => {
      const f = await getMaterialFile(ctx.db, actorOf(req), ctx.config.dataDir, req.params.id);
      return sendFile(reply, f.mime, f.name, "material", f.bytes);
    },
  );
}
