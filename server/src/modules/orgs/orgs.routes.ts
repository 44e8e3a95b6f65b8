import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, auditActorOf } from "../../platform/auth/plugin.ts";
import type { AppContext } from "../../platform/context.ts";
import { archiveOrg } from "./archive-org.ts";
import { createOrg } from "./create-org.ts";
import { getOrg } from "./get-org.ts";
import { listChildren, listRootOrgs } from "./list-children.ts";
import { moveOrg } from "./move-org.ts";
import {
  ArchiveOrgBody,
  ChildrenQuery,
  CreateOrgBody,
  IdParams,
  MoveOrgBody,
  Org,
  OrgDetail,
  OrgList,
  OrgPage,
  OrgSearchPage,
  RenameOrgBody,
  SearchQuery,
} from "./orgs.schemas.ts";
import { presentOrg } from "./present-org.ts";
import { renameOrg } from "./rename-org.ts";
import { searchOrgs } from "./search-orgs.ts";

const tags = ["orgs"];

export async function orgsRoutes(api: FastifyInstance, ctx: AppContext) {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/orgs/roots",
    { schema: { tags, summary: "我管辖范围的顶层党组织", response: { 200: OrgList } } },
    async (req) => ({ items: await listRootOrgs(ctx.db, actorOf(req)) }),
  );

  r.get(
    "/orgs/search",
    {
      schema: {
        tags,
        summary: "按名称或编码查找党组织（含上级路径）",
        querystring: SearchQuery,
        response: { 200: OrgSearchPage },
      },
    },
    async (req) => searchOrgs(ctx.db, actorOf(req), req.query),
  );

  r.get(
    "/orgs/:id",
    {
      schema: {
        tags,
        summary: "党组织详情与面包屑",
        params: IdParams,
        response: { 200: OrgDetail },
      },
    },
    async (req) => getOrg(ctx.db, actorOf(req), req.params.id),
  );

  r.get(
    "/orgs/:id/children",
    {
      schema: {
        tags,
        summary: "下级党组织（分页，含人数）",
        params: IdParams,
        querystring: ChildrenQuery,
        response: { 200: OrgPage },
      },
    },
    async (req) => listChildren(ctx.db, actorOf(req), req.params.id, req.query),
  );

  r.post(
    "/orgs",
    { schema: { tags, summary: "新建党组织", body: CreateOrgBody, response: { 201: Org } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const org = await createOrg(ctx.db, actor, auditActorOf(req), req.body);
      return reply.status(201).send(presentOrg(actor, org));
    },
  );

  r.patch(
    "/orgs/:id",
    {
      schema: {
        tags,
        summary: "更名",
        params: IdParams,
        body: RenameOrgBody,
        response: { 200: Org },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return presentOrg(
        actor,
        await renameOrg(ctx.db, actor, auditActorOf(req), req.params.id, req.body.name),
      );
    },
  );

  r.post(
    "/orgs/:id/move",
    {
      schema: {
        tags,
        summary: "移动党组织（含全部下级与党员）",
        params: IdParams,
        body: MoveOrgBody,
        response: {
          200: z.object({ org: Org, movedOrgs: z.number(), movedMembers: z.number() }),
        },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const result = await moveOrg(
        ctx.db,
        actor,
        auditActorOf(req),
        req.params.id,
        req.body.newParentId,
      );
      return { ...result, org: presentOrg(actor, result.org) };
    },
  );

  r.post(
    "/orgs/:id/archive",
    {
      schema: {
        tags,
        summary: "撤销党组织（不删除）",
        params: IdParams,
        body: ArchiveOrgBody,
        response: { 200: Org },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return presentOrg(
        actor,
        await archiveOrg(ctx.db, actor, auditActorOf(req), req.params.id, req.body.reason),
      );
    },
  );
}
