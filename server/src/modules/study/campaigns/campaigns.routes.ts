import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, auditActorOf } from "../../../platform/auth/plugin.ts";
import type { AppContext } from "../../../platform/context.ts";
import { sendFile } from "../../../platform/files-http.ts";
import { pickLocale } from "../../../platform/i18n.ts";
import { XLSX_MIME } from "../../../platform/xlsx.ts";
import { IdParams } from "../study.schemas.ts";
import { Created } from "../study-http.ts";
import { campaignResults } from "./campaign-results.ts";
import * as s from "./campaigns.schemas.ts";
import { createCampaign } from "./create-campaign.ts";
import { exportResults } from "./export-results.ts";
import { getCampaign, listCampaigns } from "./list-campaigns.ts";
import { listTasks } from "./list-tasks.ts";
import { publishCampaign } from "./publish-campaign.ts";
import { remindMembers } from "./remind-members.ts";
import { updateCampaign } from "./update-campaign.ts";
import { withdrawCampaign } from "./withdraw-campaign.ts";

const tags = ["study"];

/** 专题学习: campaigns, members' tasks, results and reminders. */
export async function campaignsRoutes(api: FastifyInstance, ctx: AppContext) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const _locale = (req: FastifyRequest) => pickLocale(req.headers["accept-language"]);
  r.get(
    "/study/campaigns",
    {
      schema: {
        tags,
        summary: "专题学习（管理）",
        querystring: s.CampaignListQuery,
        response: { 200: s.CampaignList },
      },
    },
    async (req) => listCampaigns(ctx.db, actorOf(req), req.query),
  );
  r.get(
    "/study/campaigns/:id",
    {
      schema: { tags, summary: "专题学习详情", params: IdParams, response: { 200: s.Campaign } },
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
        params: IdParams,
        body: s.CampaignInput,
        response: { 200: z.object({ id: z.number(), status: z.literal("draft") }) },
      },
    },
    async (req) => updateCampaign(ctx.db, actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  r.post(
    "/study/campaigns/:id/publish",
    { schema: { tags, summary: "发布专题学习", params: IdParams } },
    async (req) => publishCampaign(ctx.db, actorOf(req), auditActorOf(req), req.params.id),
  );
  r.post(
    "/study/campaigns/:id/withdraw",
    {
      schema: {
        tags,
        summary: "撤回专题学习（无人参加考试前，须说明原因并通知党员）",
        params: IdParams,
        body: s.WithdrawBody,
        response: { 200: s.WithdrawResponse },
      },
    },
    async (req) =>
      withdrawCampaign(ctx.db, actorOf(req), auditActorOf(req), req.params.id, req.body.reason),
  );
  r.get(
    "/study/campaigns/:id/results",
    {
      schema: {
        tags,
        summary: "完成情况与成绩",
        params: IdParams,
        querystring: s.ResultsQuery,
        response: { 200: s.Results },
      },
    },
    async (req) => campaignResults(ctx.db, actorOf(req), req.params.id, req.query),
  );
  r.get(
    "/study/campaigns/:id/results/export",
    { schema: { tags, summary: "导出成绩（Excel）", params: IdParams } },
    async (req, reply) => {
      const { title, file } = await exportResults(
        ctx.db,
        actorOf(req),
        auditActorOf(req),
        req.params.id,
      );
      return sendFile(reply, XLSX_MIME, `${title}-成绩.xlsx`, "results.xlsx", file);
    },
  );
  r.post(
    "/study/campaigns/:id/remind",
    {
      schema: {
        tags,
        summary: "提醒未完成的党员",
        params: IdParams,
        body: s.RemindBody,
        response: { 200: s.RemindResponse },
      },
    },
    async (req) =>
      remindMembers(ctx.db, actorOf(req), auditActorOf(req), req.params.id, req.body.target),
  );

  r.get(
    "/study/tasks",
    { schema: { tags, summary: "我的学习任务", response: { 200: s.TaskList } } },
    async (req) => listTasks(ctx.db, actorOf(req)),
  );
}
