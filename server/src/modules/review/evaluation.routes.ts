import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, auditActorOf } from "../../platform/auth/plugin.ts";
import type { AppContext } from "../../platform/context.ts";
import { XLSX_MIME } from "../../platform/xlsx.ts";
import { castVote } from "./cast-vote.ts";
import { closeRound } from "./close-round.ts";
import { decideGrade } from "./decide-grade.ts";
import {
  DecisionBody,
  OpenRoundBody,
  RoundDetail,
  RoundListQuery,
  RoundParams,
  RoundSummary,
  SummaryBody,
  VoteBody,
  VoteReceipt,
} from "./evaluation.schemas.ts";
import { exportRoundXlsx } from "./export-round-xlsx.ts";
import { getRound } from "./get-round.ts";
import { listRounds } from "./list-rounds.ts";
import { openRound } from "./open-round.ts";
import { sendFile } from "./send-file.ts";
import { writeSummary } from "./write-summary.ts";

const tags = ["review"];

/** 民主评议党员: rounds, 个人总结, secret votes, closing and the org's decision. */
export async function evaluationRoutes(api: FastifyInstance, ctx: AppContext) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const who = (req: FastifyRequest) => ({ actor: actorOf(req), audit: auditActorOf(req) });

  r.get(
    "/review/rounds",
    {
      schema: {
        tags,
        summary: "民主评议列表",
        querystring: RoundListQuery,
        response: { 200: z.object({ items: z.array(RoundSummary) }) },
      },
    },
    async (req) => listRounds(ctx.db, actorOf(req), req.query),
  );
  r.post(
    "/review/rounds",
    {
      schema: {
        tags,
        summary: "开始年度民主评议",
        body: OpenRoundBody,
        response: { 201: RoundDetail },
      },
    },
    async (req, reply) => {
      const { actor, audit } = who(req);
      return reply.status(201).send(await openRound(ctx.db, actor, audit, req.body));
    },
  );
  r.get(
    "/review/rounds/:id",
    {
      schema: {
        tags,
        summary: "民主评议详情",
        params: RoundParams,
        response: { 200: RoundDetail },
      },
    },
    async (req) => getRound(ctx.db, actorOf(req), req.params.id),
  );
  r.put(
    "/review/rounds/:id/summary",
    {
      schema: {
        tags,
        summary: "个人总结与自评等次",
        params: RoundParams,
        body: SummaryBody,
        response: { 200: RoundDetail },
      },
    },
    async (req) => {
      const { actor, audit } = who(req);
      return writeSummary(ctx.db, actor, audit, req.params.id, req.body);
    },
  );
  r.post(
    "/review/rounds/:id/votes",
    {
      schema: {
        tags,
        summary: "无记名投票（带回执可修改本人的票）",
        params: RoundParams,
        body: VoteBody,
        response: { 200: VoteReceipt },
      },
    },
    async (req) => {
      const { actor, audit } = who(req);
      return castVote(ctx.db, actor, audit, req.params.id, req.body);
    },
  );
  r.post(
    "/review/rounds/:id/close",
    { schema: { tags, summary: "结束投票", params: RoundParams, response: { 200: RoundDetail } } },
    async (req) => {
      const { actor, audit } = who(req);
      return closeRound(ctx.db, actor, audit, req.params.id);
    },
  );
  r.post(
    "/review/rounds/:id/decisions",
    {
      schema: {
        tags,
        summary: "组织评定等次",
        params: RoundParams,
        body: DecisionBody,
        response: { 200: RoundDetail },
      },
    },
    async (req) => {
      const { actor, audit } = who(req);
      return decideGrade(ctx.db, actor, audit, req.params.id, req.body);
    },
  );
  r.get(
    "/review/rounds/:id/results.xlsx",
    { schema: { tags, summary: "导出民主评议结果（Excel）", params: RoundParams } },
    async (req, reply) => {
      const { actor, audit } = who(req);
      const file = await exportRoundXlsx(ctx.db, actor, audit, req.params.id);
      return sendFile(reply, XLSX_MIME, file.fileName, "evaluation-results.xlsx", file.bytes);
    },
  );
}
