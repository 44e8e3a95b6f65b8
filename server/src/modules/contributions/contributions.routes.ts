import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf, auditActorOf } from "../../platform/auth/plugin.ts";
import type { AppContext } from "../../platform/context.ts";
import { sendFile } from "../../platform/files-http.ts";
import { XLSX_MIME } from "../../platform/xlsx.ts";
import {
  ApproveBody,
  Commendation,
  CommendationList,
  CommendationQuery,
  Contribution,
  ContributionBody,
  ContributionList,
  DeclineBody,
  ExportQuery,
  IdParams,
  MemberParams,
  MemberRecord,
  ProposeBody,
  QueueQuery,
  ReturnBody,
} from "./contributions.schemas.ts";
import { decide } from "./decide-commendation.ts";
import { exportCommendations } from "./export-commendations.ts";
import { presentContribution } from "./present-contribution.ts";
import { proposeCommendation } from "./propose-commendation.ts";
import { memberRecord, readCommendations } from "./read-commendations.ts";
import { myContributions, reviewQueue } from "./read-contributions.ts";
import { reviewContribution } from "./review-contribution.ts";
import {
  reviseContribution,
  submitContribution,
  withdrawContribution,
} from "./submit-contribution.ts";

const tags = ["contributions"];

/** 正能量作品 (Art 5-8) and 表彰 (Art 23): members report their works, the org reviews. */
export async function contributionsRoutes(api: FastifyInstance, ctx: AppContext) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const id = { params: IdParams };
  r.get(
    "/contributions/mine",
    {
      schema: {
        tags,
        summary: "我的作品",
        response: { 200: ContributionList.pick({ items: true }) },
      },
    },
    async (req) => myContributions(ctx.db, actorOf(req)),
  );
  r.post(
    "/contributions",
    {
      schema: {
        tags,
        summary: "报送作品",
        body: ContributionBody,
        response: { 201: Contribution },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await submitContribution(ctx.db, actorOf(req), auditActorOf(req), req.body)),
  );
  r.put(
    "/contributions/:id",
    {
      schema: {
        tags,
        summary: "修改待审核的作品",
        ...id,
        body: ContributionBody,
        response: { 200: Contribution },
      },
    },
    async (req) =>
      reviseContribution(ctx.db, actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  r.post(
    "/contributions/:id/withdraw",
    { schema: { tags, summary: "撤回待审核的作品", ...id, response: { 200: Contribution } } },
    async (req) => withdrawContribution(ctx.db, actorOf(req), auditActorOf(req), req.params.id),
  );
  r.get(
    "/contributions",
    {
      schema: {
        tags,
        summary: "作品审核队列",
        querystring: QueueQuery,
        response: { 200: ContributionList },
      },
    },
    async (req) => reviewQueue(ctx.db, actorOf(req), req.query),
  );
  r.get(
    "/contributions/:id",
    { schema: { tags, summary: "作品详情", ...id, response: { 200: Contribution } } },
    async (req) => presentContribution(ctx.db, actorOf(req), req.params.id),
  );
  r.post(
    "/contributions/:id/accept",
    { schema: { tags, summary: "采用作品", ...id, response: { 200: Contribution } } },
    async (req) =>
      reviewContribution(ctx.db, actorOf(req), auditActorOf(req), req.params.id, { accept: true }),
  );
  r.post(
    "/contributions/:id/return",
    {
      schema: {
        tags,
        summary: "退回作品",
        ...id,
        body: ReturnBody,
        response: { 200: Contribution },
      },
    },
    async (req) =>
      reviewContribution(ctx.db, actorOf(req), auditActorOf(req), req.params.id, {
        accept: false,
        reason: req.body.reason,
      }),
  );
  r.get(
    "/contributions/members/:memberId/record",
    {
      schema: {
        tags,
        summary: "党员的表彰与已采用作品",
        params: MemberParams,
        response: { 200: MemberRecord },
      },
    },
    async (req) => memberRecord(ctx.db, actorOf(req), req.params.memberId),
  );
  r.get(
    "/commendations",
    {
      schema: {
        tags,
        summary: "表彰列表",
        querystring: CommendationQuery,
        response: { 200: CommendationList },
      },
    },
    async (req) => readCommendations(ctx.db, actorOf(req), req.query),
  );
  r.post(
    "/commendations",
    {
      schema: { tags, summary: "提出表彰建议", body: ProposeBody, response: { 201: Commendation } },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await proposeCommendation(ctx.db, actorOf(req), auditActorOf(req), req.body)),
  );
  r.post(
    "/commendations/:id/approve",
    {
      schema: {
        tags,
        summary: "批准表彰",
        ...id,
        body: ApproveBody,
        response: { 200: Commendation },
      },
    },
    async (req) =>
      decide(ctx.db, actorOf(req), auditActorOf(req), req.params.id, {
        approve: true,
        ...req.body,
      }),
  );
  r.post(
    "/commendations/:id/decline",
    {
      schema: {
        tags,
        summary: "不予批准表彰",
        ...id,
        body: DeclineBody,
        response: { 200: Commendation },
      },
    },
    async (req) =>
      decide(ctx.db, actorOf(req), auditActorOf(req), req.params.id, {
        approve: false,
        reason: req.body.reason,
      }),
  );
  r.get(
    "/commendations.xlsx",
    { schema: { tags, summary: "导出表彰名单（Excel）", querystring: ExportQuery } },
    async (req, reply) => {
      const file = await exportCommendations(
        ctx.db,
        actorOf(req),
        auditActorOf(req),
        req.query.orgId,
      );
      return sendFile(reply, XLSX_MIME, file.fileName, "commendations.xlsx", file.bytes);
    },
  );
}
