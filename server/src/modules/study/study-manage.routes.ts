import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, auditActorOf } from "../../platform/auth/plugin.ts";
import type { AppContext } from "../../platform/context.ts";
import { BadInput } from "../../platform/errors.ts";
import { attachment, fileNameHeader } from "../../platform/files-http.ts";
import { pickLocale } from "../../platform/i18n.ts";
import { XLSX_MIME } from "../../platform/xlsx.ts";
import { campaignResults } from "./campaign-results.ts";
import { createCampaign } from "./create-campaign.ts";
import { createMaterial } from "./create-material.ts";
import { createQuestion } from "./create-question.ts";
import { editQuestion } from "./edit-question.ts";
import { exportQuestions } from "./export-questions.ts";
import { exportResults } from "./export-results.ts";
import { flagChangedQuestions } from "./flag-changed-questions.ts";
import { generateQuestions } from "./generate-questions.ts";
import { importQuestions, previewQuestions } from "./import-questions.ts";
import { listArticles, listMaterials, listQuestions } from "./list-bank.ts";
import { getCampaign, listCampaigns } from "./list-campaigns.ts";
import { publishCampaign } from "./publish-campaign.ts";
import { getSettings, updateSettings } from "./rankings.ts";
import { remindMembers } from "./remind-members.ts";
import { reviewQuestion } from "./review-question.ts";
import { authorizeManage } from "./study.policy.ts";
import * as s from "./study.schemas.ts";
import { updateCampaign } from "./update-campaign.ts";

const tags = ["study"];
const Created = z.object({ id: z.number() });

export function uploaded(req: FastifyRequest): Buffer {
  if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
    throw new BadInput("file", { "zh-CN": "请上传文件", "en-US": "Upload a file" });
  }
  return req.body;
}

/** Managers' side: question bank, materials, campaigns, results, reminders, settings. */
export async function studyManageRoutes(api: FastifyInstance, ctx: AppContext) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const locale = (req: FastifyRequest) => pickLocale(req.headers["accept-language"]);

  r.get(
    "/study/questions",
    {
      schema: {
        tags,
        summary: "题库（本级及下级）",
        querystring: s.QuestionListQuery,
        response: { 200: s.QuestionPage },
      },
    },
    async (req) => listQuestions(ctx.db, actorOf(req), req.query),
  );
  r.post(
    "/study/questions",
    { schema: { tags, summary: "新增试题", body: s.QuestionInput, response: { 201: Created } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(await createQuestion(ctx.db, actorOf(req), auditActorOf(req), req.body)),
  );
  r.put(
    "/study/questions/:id",
    {
      schema: {
        tags,
        summary: "修改试题（已审核过的生成修订稿，待审核）",
        params: s.IdParams,
        body: s.QuestionEdit,
        response: { 200: s.QuestionEdited },
      },
    },
    async (req) => editQuestion(ctx.db, actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  r.post(
    "/study/questions/:id/review",
    { schema: { tags, summary: "审核试题（通过或下线）", params: s.IdParams, body: s.ReviewBody } },
    async (req) =>
      reviewQuestion(ctx.db, actorOf(req), auditActorOf(req), req.params.id, req.body.decision),
  );
  r.post(
    "/study/questions/generate",
    {
      schema: {
        tags,
        summary: "从条文标注生成试题草稿",
        body: s.GenerateBody,
        response: { 200: s.GenerateResponse },
      },
    },
    async (req) => generateQuestions(ctx.db, actorOf(req), auditActorOf(req), req.body),
  );
  r.post(
    "/study/questions/flag-changed",
    { schema: { tags, summary: "标记引用已修改条文的试题", response: { 200: s.FlagResponse } } },
    async (req) => {
      const actor = actorOf(req);
      authorizeManage(actor);
      return flagChangedQuestions(ctx.db, auditActorOf(req), actor);
    },
  );
  r.get(
    "/study/questions/export",
    { schema: { tags, summary: "导出题库（Excel）" } },
    async (req, reply) =>
      reply
        .type(XLSX_MIME)
        .header("content-disposition", attachment("题库.xlsx", "question-bank.xlsx"))
        .send(await exportQuestions(ctx.db, actorOf(req), auditActorOf(req))),
  );
  r.post(
    "/study/questions/import/preview",
    {
      schema: {
        tags,
        summary: "预览题库导入（不写入）",
        querystring: s.ImportQuery,
        response: { 200: s.ImportPreview },
      },
    },
    async (req) =>
      previewQuestions(ctx.db, actorOf(req), req.query.orgId, uploaded(req), locale(req)),
  );
  r.post(
    "/study/questions/import",
    {
      schema: {
        tags,
        summary: "导入题库（全部或全不）",
        querystring: s.ImportQuery,
        response: { 200: s.ImportResult },
      },
    },
    async (req) =>
      importQuestions(
        ctx.db,
        actorOf(req),
        auditActorOf(req),
        req.query.orgId,
        uploaded(req),
        locale(req),
      ),
  );

  r.get(
    "/study/articles",
    { schema: { tags, summary: "现行条文（供标注试题与资料）", response: { 200: s.ArticleList } } },
    async (req) => listArticles(ctx.db, actorOf(req)),
  );

  r.get(
    "/study/materials",
    { schema: { tags, summary: "学习资料", response: { 200: s.MaterialList } } },
    async (req) => listMaterials(ctx.db, actorOf(req)),
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

  r.get(
    "/study/campaigns",
    { schema: { tags, summary: "专题学习（管理）", response: { 200: s.CampaignList } } },
    async (req) => listCampaigns(ctx.db, actorOf(req)),
  );
  r.get(
    "/study/campaigns/:id",
    {
      schema: { tags, summary: "专题学习详情", params: s.IdParams, response: { 200: s.Campaign } },
    },
    async (req) => getCampaign(ctx.db, actorOf(req), req.params.id),
  );
  r.post(
    "/study/campaigns",
    {
      schema: {
        tags,
        summary: "新建专题学习（草稿）",
        body: s.CampaignInput,
        response: { 201: Created },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await createCampaign(ctx.db, actorOf(req), auditActorOf(req), req.body)),
  );
  r.put(
    "/study/campaigns/:id",
    {
      schema: {
        tags,
        summary: "修改专题学习（仅草稿）",
        params: s.IdParams,
        body: s.CampaignInput,
        response: { 200: z.object({ id: z.number(), status: z.literal("draft") }) },
      },
    },
    async (req) => updateCampaign(ctx.db, actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  r.post(
    "/study/campaigns/:id/publish",
    { schema: { tags, summary: "发布专题学习", params: s.IdParams } },
    async (req) => publishCampaign(ctx.db, actorOf(req), auditActorOf(req), req.params.id),
  );
  r.get(
    "/study/campaigns/:id/results",
    {
      schema: {
        tags,
        summary: "完成情况与成绩",
        params: s.IdParams,
        querystring: s.ResultsQuery,
        response: { 200: s.Results },
      },
    },
    async (req) => campaignResults(ctx.db, actorOf(req), req.params.id, req.query),
  );
  r.get(
    "/study/campaigns/:id/results/export",
    { schema: { tags, summary: "导出成绩（Excel）", params: s.IdParams } },
    async (req, reply) => {
      const { title, file } = await exportResults(
        ctx.db,
        actorOf(req),
        auditActorOf(req),
        req.params.id,
      );
      return reply
        .type(XLSX_MIME)
        .header("content-disposition", attachment(`${title}-成绩.xlsx`, "results.xlsx"))
        .send(file);
    },
  );
  r.post(
    "/study/campaigns/:id/remind",
    {
      schema: {
        tags,
        summary: "提醒未完成的党员",
        params: s.IdParams,
        body: s.RemindBody,
        response: { 200: s.RemindResponse },
      },
    },
    async (req) =>
      remindMembers(ctx.db, actorOf(req), auditActorOf(req), req.params.id, req.body.target),
  );

  r.get(
    "/study/settings/:id",
    {
      schema: {
        tags,
        summary: "组织的学习设置",
        params: s.IdParams,
        response: { 200: s.Settings },
      },
    },
    async (req) => getSettings(ctx.db, actorOf(req), req.params.id),
  );
  r.put(
    "/study/settings/:id",
    {
      schema: {
        tags,
        summary: "开启或关闭积分排行",
        params: s.IdParams,
        body: s.SettingsBody,
        response: { 200: s.Settings },
      },
    },
    async (req) =>
      updateSettings(
        ctx.db,
        actorOf(req),
        auditActorOf(req),
        req.params.id,
        req.body.rankingsEnabled,
      ),
  );
}
