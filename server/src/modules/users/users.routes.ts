import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf, auditActorOf } from "../../platform/auth/plugin.ts";
import type { AppContext } from "../../platform/context.ts";
import { changeUserStatus } from "./change-user-status.ts";
import { createUser } from "./create-user.ts";
import { endGrant } from "./end-grant.ts";
import { getUser } from "./get-user.ts";
import { grantRole } from "./grant-role.ts";
import { listUserGrants } from "./list-user-grants.ts";
import { listUsers } from "./list-users.ts";
import { openMemberAccounts } from "./open-member-accounts.ts";
import { resetUserPassword } from "./reset-user-password.ts";
import type { Authority } from "./users.policy.ts";
import {
  CreateUserBody,
  CreateUserResponse,
  EmptyBody,
  EndGrantBody,
  GrantListResponse,
  GrantParams,
  GrantRoleBody,
  GrantView,
  OneTimePasswordResponse,
  OpenMemberAccountsBody,
  OpenMemberAccountsResponse,
  UserIdParams,
  UserListQuery,
  UserListResponse,
  UserView,
} from "./users.schemas.ts";

const tags = ["users"];
const authority = (req: FastifyRequest): Authority => ({ kind: "user", actor: actorOf(req) });

/** Accounts and role grants, for security administrators within their subtree. */
export async function usersRoutes(app: FastifyInstance, ctx: AppContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/users",
    {
      schema: {
        tags,
        summary: "用户列表（本人管辖范围内）",
        querystring: UserListQuery,
        response: { 200: UserListResponse },
      },
    },
    async (req) => listUsers(ctx.db, authority(req), req.query),
  );

  api.post(
    "/users",
    {
      schema: {
        tags,
        summary: "开设账号（返回一次性初始密码）",
        body: CreateUserBody,
        response: { 201: CreateUserResponse },
      },
    },
    async (req, reply) => {
      const created = await createUser(ctx.db, authority(req), auditActorOf(req), req.body);
      return reply.status(201).send(created);
    },
  );

  api.post(
    "/member-accounts",
    {
      schema: {
        tags,
        summary: "为本支部党员开通账号（逐个或一键开通；返回一次性密码，仅此一次）",
        body: OpenMemberAccountsBody,
        response: { 200: OpenMemberAccountsResponse },
      },
    },
    async (req) => openMemberAccounts(ctx.db, actorOf(req), auditActorOf(req), req.body),
  );

  api.get(
    "/users/:id",
    { schema: { tags, summary: "用户详情", params: UserIdParams, response: { 200: UserView } } },
    async (req) => getUser(ctx.db, authority(req), req.params.id),
  );

  for (const [action, disabled, summary] of [
    ["disable", true, "停用账号（立即退出所有会话）"],
    ["enable", false, "启用账号"],
  ] as const) {
    api.post(
      `/users/:id/${action}`,
      {
        schema: {
          tags,
          summary,
          params: UserIdParams,
          body: EmptyBody,
          response: { 200: UserView },
        },
      },
      async (req) =>
        changeUserStatus(ctx.db, authority(req), auditActorOf(req), req.params.id, disabled),
    );
  }

  api.post(
    "/users/:id/reset-password",
    {
      schema: {
        tags,
        summary: "重置密码（返回一次性密码，结束该用户所有会话）",
        params: UserIdParams,
        body: EmptyBody,
        response: { 200: OneTimePasswordResponse },
      },
    },
    async (req) => resetUserPassword(ctx.db, authority(req), auditActorOf(req), req.params.id),
  );

  api.get(
    "/users/:id/grants",
    {
      schema: {
        tags,
        summary: "用户的角色授权",
        params: UserIdParams,
        response: { 200: GrantListResponse },
      },
    },
    async (req) => listUserGrants(ctx.db, authority(req), req.params.id),
  );

  api.post(
    "/users/:id/grants",
    {
      schema: {
        tags,
        summary: "在组织节点授予角色（作用于其下级）",
        params: UserIdParams,
        body: GrantRoleBody,
        response: { 201: GrantView },
      },
    },
    async (req, reply) => {
      const grant = await grantRole(
        ctx.db,
        authority(req),
        auditActorOf(req),
        req.params.id,
        req.body,
      );
      return reply.status(201).send(grant);
    },
  );

  api.post(
    "/users/:id/grants/:grantId/end",
    {
      schema: {
        tags,
        summary: "终止角色授权（离任，不删除记录）",
        params: GrantParams,
        body: EndGrantBody,
        response: { 200: GrantView },
      },
    },
    async (req) =>
      endGrant(
        ctx.db,
        authority(req),
        auditActorOf(req),
        req.params.id,
        req.params.grantId,
        req.body,
      ),
  );
}
