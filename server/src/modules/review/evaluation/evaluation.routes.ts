import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, auditActorOf } from "../../../platform/auth/plugin.ts";
import type { AppContext } from "../../../platform/context.ts";
import { FILE_TYPES } from "../../../platform/files.ts";
import { sendFile } from "../../../platform/files-http.ts";
import { nextCursorField } from "../../../platform/keyset.ts";
import { XLSX_MIME } from "../../../platform/xlsx.ts";
import { castVote } from "./cast-vote.ts";
import { closeRound } from "./close-round.ts";
import { decideGrade } from "./decide-grade.ts";
import { decideRest } from "./decide-rest.ts";
import {
  DecideRestBody,
  DecisionBody,
  DecryptionBody,
  OpenRoundBody,
  PublishedBallots,
  RoundDetail,
  RoundListQuery,
  RoundParams,
  RoundSummary,
  SummaryBody,
  TrusteeKeyBody,
  TrusteesBody,
  VoteBody,
  VoteReceipt,
} from "./evaluation.schemas.ts";
import { exportRoundXlsx } from "./export-round-xlsx.ts";
import { getRound } from "./get-round.ts";
import { listPublishedBallots } from "./list-published-ballots.ts";
import { listRounds } from "./list-rounds.ts";
import { openRound } from "./open-round.ts";
import { restartRound } from "./restart-round.ts";
import { setTrustees } from "./set-trustees.ts";
import { submitDecryption } from "./submit-decryption.ts";
import { submitTrusteeKey } from "./submit-trustee-key.ts";
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
        response: { 200: z.object({ items: z.array(RoundSummary), nextCursor: nextCursorField }) },
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
        summary: "无记名投票：浏览器加密的选票，本人可在结束前替换",
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
  r.get(
    "/review/rounds/:id/ballots",
    {
      schema: {
        tags,
        summary: "公布的选票追踪码清单",
        params: RoundParams,
        response: { 200: PublishedBallots },
      },
    },
    async (req) => listPublishedBallots(ctx.db, actorOf(req), req.params.id),
  );
  r.post(
    "/review/rounds/:id/trustees",
    {
      schema: {
        tags,
        summary: "确定计票人",
        params: RoundParams,
        body: TrusteesBody,
        response: { 200: RoundDetail },
      },
    },
    async (req) => {
      const { actor, audit } = who(req);
      return setTrustees(ctx.db, actor, audit, req.params.id, req.body);
    },
  );
  r.post(
    "/review/rounds/:id/trustee-key",
    {
      schema: {
        tags,
        summary: "计票人提交公钥",
        params: RoundParams,
        body: TrusteeKeyBody,
        response: { 200: RoundDetail },
      },
    },
    async (req) => {
      const { actor, audit } = who(req);
      return submitTrusteeKey(ctx.db, actor, audit, req.params.id, req.body);
    },
  );
  r.post(
    "/review/rounds/:id/decryption",
    {
      schema: {
        tags,
        summary: "计票人提交解密份额",
        params: RoundParams,
        body: DecryptionBody,
        response: { 200: RoundDetail },
      },
    },
    async (req) => {
      const { actor, audit } = who(req);
      return submitDecryption(ctx.db, actor, audit, req.params.id, req.body);
    },
  );
  r.post(
    "/review/rounds/:id/restart",
    {
      schema: {
        tags,
        summary: "作废选票，重新投票",
        params: RoundParams,
        response: { 200: RoundDetail },
      },
    },
    async (req) => {
      const { actor, audit } = who(req);
      return restartRound(ctx.db, actor, audit, req.params.id);
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
  r.post(
    "/review/rounds/:id/decisions/rest",
    {
      schema: {
        tags,
        summary: "其余未评定党员统一评定（如其余评为合格）",
        params: RoundParams,
        body: DecideRestBody,
        response: { 200: RoundDetail },
      },
    },
    async (req) => {
      const { actor, audit } = who(req);
      return decideRest(ctx.db, actor, audit, req.params.id, req.body);
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
  r.get(
    "/review/rounds/:id/results.docx",
    { schema: { tags, summary: "导出民主评议结果记录（Word）", params: RoundParams } },
    async (req, reply) => {
      const { actor, audit } = who(req);
      // The docx library loads with the first document asked for, not with the server.
      const { exportRoundDocx } = await import("./export-round-docx.ts");
      const file = await exportRoundDocx(ctx.db, actor, audit, req.params.id);
      return sendFile(reply, FILE_TYPES.docx, file.fileName, "evaluation-results.docx", file.bytes);
    },
  );
}
