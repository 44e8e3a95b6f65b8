import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf, auditActorOf } from "../../platform/auth/plugin.ts";
import type { AppContext } from "../../platform/context.ts";
import { IdParams } from "../orgs/orgs.schemas.ts";
import { archiveMember } from "./archive-member.ts";
import { createMember } from "./create-member.ts";
import { getOwnMember, viewMember } from "./get-member.ts";
import { listMembers } from "./list-members.ts";
import {
  ArchiveMemberBody,
  CreateMemberBody,
  ListMembersQuery,
  MemberDetail,
  MemberPage,
  RevealBody,
  RevealResponse,
  TransferMemberBody,
  UpdateMemberBody,
} from "./members.schemas.ts";
import { revealMemberField } from "./reveal-member-field.ts";
import { transferMember } from "./transfer-member.ts";
import { updateMember } from "./update-member.ts";

const tags = ["members"];

export async function membersRoutes(api: FastifyInstance, ctx: AppContext) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const deps = (req: Parameters<typeof auditActorOf>[0]) => ({
    cipher: ctx.cipher,
    audit: auditActorOf(req),
  });

  r.get(
    "/members",
    {
      schema: {
        tags,
        summary: "党员名册（分页、排序、筛选；敏感字段脱敏）",
        querystring: ListMembersQuery,
        response: { 200: MemberPage },
      },
    },
    async (req) => listMembers(ctx.db, actorOf(req), req.query),
  );

  r.get(
    "/members/me",
    { schema: { tags, summary: "本人党员档案", response: { 200: MemberDetail } } },
    async (req) => getOwnMember(ctx.db, actorOf(req)),
  );

  r.get(
    "/members/:id",
    {
      schema: {
        tags,
        summary: "党员详情（脱敏）与组织关系历史",
        params: IdParams,
        response: { 200: MemberDetail },
      },
    },
    async (req) => viewMember(ctx.db, actorOf(req), auditActorOf(req), req.params.id),
  );

  r.post(
    "/members",
    {
      schema: {
        tags,
        summary: "新增党员",
        body: CreateMemberBody,
        response: { 201: MemberDetail },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createMember(ctx.db, actorOf(req), deps(req), req.body)),
  );

  r.patch(
    "/members/:id",
    {
      schema: {
        tags,
        summary: "修改党员信息",
        params: IdParams,
        body: UpdateMemberBody,
        response: { 200: MemberDetail },
      },
    },
    async (req) => updateMember(ctx.db, actorOf(req), deps(req), req.params.id, req.body),
  );

  r.post(
    "/members/:id/transfer",
    {
      schema: {
        tags,
        summary: "组织关系转接",
        params: IdParams,
        body: TransferMemberBody,
        response: { 200: MemberDetail },
      },
    },
    async (req) => transferMember(ctx.db, actorOf(req), auditActorOf(req), req.params.id, req.body),
  );

  r.post(
    "/members/:id/archive",
    {
      schema: {
        tags,
        summary: "党员档案归档（不删除）",
        params: IdParams,
        body: ArchiveMemberBody,
        response: { 200: MemberDetail },
      },
    },
    async (req) =>
      archiveMember(ctx.db, actorOf(req), auditActorOf(req), req.params.id, req.body.reason),
  );

  r.post(
    "/members/:id/reveal",
    {
      schema: {
        tags,
        summary: "查看敏感字段明文（记入审计）",
        params: IdParams,
        body: RevealBody,
        response: { 200: RevealResponse },
      },
    },
    async (req) => revealMemberField(ctx.db, actorOf(req), deps(req), req.params.id, req.body),
  );
}
