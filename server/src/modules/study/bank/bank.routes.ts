import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf, auditActorOf } from "../../../platform/auth/plugin.ts";
import type { AppContext } from "../../../platform/context.ts";
import { sendFile } from "../../../platform/files-http.ts";
import { pickLocale } from "../../../platform/i18n.ts";
import { XLSX_MIME } from "../../../platform/xlsx.ts";
import { authorizeManage } from "../study.policy.ts";
import { IdParams } from "../study.schemas.ts";
import { Created, uploaded } from "../study-http.ts";
import * as s from "./bank.schemas.ts";
import { createQuestion } from "./create-question.ts";
import { editQuestion } from "./edit-question.ts";
import { exportQuestions } from "./export-questions.ts";
import { flagChangedQuestions } from "./flag-changed-questions.ts";
import { generateQuestions } from "./generate-questions.ts";
import { importQuestions, previewQuestions } from "./import-questions.ts";
import { listQuestions } from "./list-bank.ts";
import { reviewQuestion, reviewQuestions } from "./review-question.ts";

const tags = ["study"];

/** 题库: questions written, generated from the regulation, reviewed, imported and exported. */
export async function bankRoutes(api: FastifyInstance, ctx: AppContext) {
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
        params: IdParams,
        body: s.QuestionEdit,
        response: { 200: s.QuestionEdited },
      },
    },
    async (req) => editQuestion(ctx.db, actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  r.post(
    "/study/questions/:id/review",
    { schema: { tags, summary: "审核试题（通过或下线）", params: IdParams, body: s.ReviewBody } },
    async (req) =>
      reviewQuestion(ctx.db, actorOf(req), auditActorOf(req), req.params.id, req.body.decision),
  );
  r.post(
    "/study/questions/review",
    {
      schema: {
        tags,
        summary: "批量审核试题（全部成功或全部不变）",
        body: s.BatchReviewBody,
        response: { 200: s.BatchReviewResponse },
      },
    },
    async (req) =>
      reviewQuestions(ctx.db, actorOf(req), auditActorOf(req), req.body.ids, req.body.decision),
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
      sendFile(
        reply,
        XLSX_MIME,
        "题库.xlsx",
        "question-bank.xlsx",
        await exportQuestions(ctx.db, actorOf(req), auditActorOf(req)),
      ),
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
}
