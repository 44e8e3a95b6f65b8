import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, auditActorOf } from "../../../platform/auth/plugin.ts";
import type { AppContext } from "../../../platform/context.ts";
import { IdParams } from "../registry.schemas.ts";
import {
  Campaign,
  CampaignList,
  CampaignQuery,
  Coverage,
  CoverageQuery,
  MyAttestation,
  OpenCampaignBody,
  SignBody,
} from "./attestation.schemas.ts";
import { openCampaign } from "./open-campaign.ts";
import { campaignCoverage, listAttestationCampaigns, myAttestations } from "./read-campaigns.ts";
import { signAttestation } from "./sign-attestation.ts";

const tags = ["registry"];

/** 年度确认: secretaries open it, cadres sign by password, overseers see who has not. */
export async function attestationRoutes(api: FastifyInstance, ctx: AppContext) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  r.post(
    "/registry/campaigns",
    {
      schema: {
        tags,
        summary: "发起网络公众账号登记年度确认",
        body: OpenCampaignBody,
        response: { 201: Campaign },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await openCampaign(ctx.db, actorOf(req), auditActorOf(req), req.body)),
  );
  r.get(
    "/registry/campaigns",
    {
      schema: {
        tags,
        summary: "年度确认活动",
        querystring: CampaignQuery,
        response: { 200: CampaignList },
      },
    },
    async (req) => listAttestationCampaigns(ctx.db, actorOf(req), req.query),
  );
  r.get(
    "/registry/campaigns/:id",
    {
      schema: {
        tags,
        summary: "年度确认完成情况（已确认、未确认名单）",
        params: IdParams,
        querystring: CoverageQuery,
        response: { 200: Coverage },
      },
    },
    async (req) =>
      campaignCoverage(ctx.db, actorOf(req), auditActorOf(req), req.params.id, req.query),
  );
  r.get(
    "/registry/attestations/mine",
    {
      schema: {
        tags,
        summary: "本人的年度确认",
        response: { 200: z.object({ items: z.array(MyAttestation) }) },
      },
    },
    async (req) => myAttestations(ctx.db, actorOf(req)),
  );
  r.post(
    "/registry/campaigns/:id/sign",
    {
      schema: {
        tags,
        summary: "电子签名确认本人登记完整、真实（输入密码）",
        params: IdParams,
        body: SignBody,
        response: { 200: MyAttestation },
      },
    },
    async (req) =>
      signAttestation(ctx.db, actorOf(req), auditActorOf(req), req.params.id, req.body.password),
  );
}
