import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf, auditActorOf } from "../../platform/auth/plugin.ts";
import { SESSION_COOKIE } from "../../platform/auth/sessions.ts";
import type { AppContext } from "../../platform/context.ts";
import { Unauthorized } from "../../platform/errors.ts";
import {
  ChangePasswordBody,
  ConsentBody,
  ConsentResponse,
  CurrentSessionResponse,
  EmptyBody,
  LoginBody,
  LoginResponse,
  OkResponse,
  SessionResponse,
  StageResponse,
  TotpConfirmBody,
  TotpConfirmResponse,
  TotpEnrolResponse,
  TotpVerifyBody,
} from "./auth.schemas.ts";
import { changePassword } from "./change-password.ts";
import { confirmTotp } from "./confirm-totp.ts";
import { enrolTotp } from "./enrol-totp.ts";
import { getSession } from "./get-session.ts";
import { login } from "./login.ts";
import { logout } from "./logout.ts";
import { recordConsent } from "./record-consent.ts";
import { requestMeta } from "./request-meta.ts";
import { sessionCookieOptions } from "./session-cookie.ts";
import { verifyTotp } from "./verify-totp.ts";

const tags = ["auth"];

function sessionOf(req: FastifyRequest) {
  if (!req.session) throw new Unauthorized();
  return req.session;
}

function accountOf(req: FastifyRequest) {
  if (!req.account) throw new Unauthorized();
  return req.account;
}

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(req.protocol));
}

export async function authRoutes(app: FastifyInstance, ctx: AppContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    "/auth/login",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "用户名密码登录",
        body: LoginBody,
        response: { 200: LoginResponse },
      },
    },
    async (req, reply) => {
      const result = await login(ctx, req.body, requestMeta(req), req.session?.token);
      setSessionCookie(req, reply, result.token);
      return { stage: result.stage, csrfToken: result.csrfToken, user: result.user };
    },
  );

  api.post(
    "/auth/logout",
    {
      config: { access: "session" },
      schema: { tags, summary: "退出登录", body: EmptyBody, response: { 200: OkResponse } },
    },
    async (req, reply) => {
      const session = sessionOf(req);
      await logout(ctx, session.token, session.userId, auditActorOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true as const };
    },
  );

  api.get(
    "/auth/session",
    {
      config: { access: "session" },
      schema: {
        tags,
        summary: "当前会话：用户、登录步骤、角色与权限",
        response: { 200: SessionResponse },
      },
    },
    async (req) => getSession(actorOf(req), accountOf(req), sessionOf(req)),
  );

  api.get(
    "/auth/current-session",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "当前会话（未登录时为 null，供登录页判断，不报 401）",
        response: { 200: CurrentSessionResponse },
      },
    },
    async (req) => ({
      session:
        req.session && req.actor && req.account
          ? getSession(req.actor, req.account, req.session)
          : null,
    }),
  );

  api.post(
    "/auth/password",
    {
      config: { access: "session" },
      schema: {
        tags,
        summary: "修改本人密码",
        body: ChangePasswordBody,
        response: { 200: StageResponse },
      },
    },
    async (req) => changePassword(ctx, sessionOf(req), req.body, auditActorOf(req)),
  );

  api.post(
    "/auth/totp/enrol",
    {
      config: { access: "session" },
      schema: {
        tags,
        summary: "生成动态口令密钥（待确认）",
        body: EmptyBody,
        response: { 200: TotpEnrolResponse },
      },
    },
    async (req) => enrolTotp(ctx, sessionOf(req), auditActorOf(req)),
  );

  api.post(
    "/auth/totp/confirm",
    {
      config: { access: "session" },
      schema: {
        tags,
        summary: "确认动态口令并获取恢复码",
        body: TotpConfirmBody,
        response: { 200: TotpConfirmResponse },
      },
    },
    async (req) => confirmTotp(ctx, sessionOf(req), req.body, auditActorOf(req)),
  );

  api.post(
    "/auth/totp/verify",
    {
      config: { access: "session" },
      schema: {
        tags,
        summary: "输入动态口令或恢复码完成登录",
        body: TotpVerifyBody,
        response: { 200: StageResponse },
      },
    },
    async (req) => verifyTotp(ctx, sessionOf(req), req.body, auditActorOf(req)),
  );

  api.post(
    "/auth/consent",
    {
      config: { access: "session" },
      schema: {
        tags,
        summary: "同意个人信息处理告知书",
        body: ConsentBody,
        response: { 200: ConsentResponse },
      },
    },
    async (req) => recordConsent(ctx, actorOf(req).userId, req.body, auditActorOf(req)),
  );
}
