import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, auditActorOf } from "../../../platform/auth/plugin.ts";
import type { AppContext } from "../../../platform/context.ts";
import { CampaignQuery } from "../attestation/attestation.schemas.ts";
import { IdParams } from "../registry.schemas.ts";
import {
  CoverageQuery,
  Declaration,
  DeclarationCampaign,
  DeclarationCampaignList,
  DeclarationCoverage,
  DeclareBody,
  Finding,
  FindingBody,
  MyDeclaration,
  OpenDeclarationCampaignBody,
} from "./declarations.schemas.ts";
import { declare } from "./declare.ts";
import { openDeclarationCampaign } from "./open-declaration-campaign.ts";
import {
  declarationCoverage,
  getDeclaration,
  listDeclarationCampaigns,
  myDeclarations,
} from "./read-declarations.ts";
import { recordFinding } from "./record-finding.ts";

const tags = ["registry"];

/** 个人有关事项报告 (Art 18, 19): campaigns, declarations and amendments, coverage, findings. */
export async function declarationsRoutes(api: FastifyInstance, ctx: AppContext) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  r.post(
    "/registry/declaration-campaigns",
    {
      schema: {
        tags,
        summary: "发起个人有关事项报告（年度或专项）",
        body: OpenDeclarationCampaignBody,
        response: { 201: DeclarationCampaign },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await openDeclarationCampaign(ctx.db, actorOf(req), auditActorOf(req), req.body)),
  );
  r.get(
    "/registry/declaration-campaigns",
    {
      schema: {
        tags,
        summary: "个人有关事项报告活动",
        querystring: CampaignQuery,
        response: { 200: DeclarationCampaignList },
      },
    },
    async (req) => listDeclarationCampaigns(ctx.db, actorOf(req), req.query),
  );
  r.get(
    "/registry/declaration-campaigns/:id",
    {
      schema: {
        tags,
        summary: "报告情况（已报告、未报告、有事项、有核查意见）",
        params: IdParams,
        querystring: CoverageQuery,
        response: { 200: DeclarationCoverage },
      },
    },
    async (req) =>
      declarationCoverage(ctx.db, actorOf(req), auditActorOf(req), req.params.id, req.query),
  );
  r.post(
    "/registry/declaration-campaigns/:id/declarations",
    {
      schema: {
        tags,
        summary: "报告或更正本人有关事项（更正保存为新版本）",
        params: IdParams,
        body: DeclareBody,
        response: { 200: Declaration },
      },
    },
    async (req) => declare(ctx.db, actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  r.get(
    "/registry/declarations/mine",
    {
      schema: {
        tags,
        summary: "本人的个人有关事项报告",
        response: { 200: z.object({ items: z.array(MyDeclaration) }) },
      },
    },
    async (req) => myDeclarations(ctx.db, actorOf(req)),
  );
  r.get(
    "/registry/declarations/:id",
    {
      schema: {
        tags,
        summary: "个人有关事项报告及历次更正、核查意见",
        params: IdParams,
        response: { 200: Declaration },
      },
    },
    async (req) => getDeclaration(ctx.db, actorOf(req), auditActorOf(req), req.params.id),
  );
  r.post(
    "/registry/declarations/:id/findings",
    {
      schema: {
        tags,
        summary: "记录核查意见（可标记为需立案审查）",
        params: IdParams,
        body: FindingBody,
        response: { 201: Finding },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await recordFinding(ctx.db, actorOf(req), auditActorOf(req), req.params.id, req.body),
        ),
  );
}
