import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AuditActor } from "../audit/record.ts";
import type { AppContext } from "../context.ts";
import { DomainError, Forbidden, Unauthorized } from "../errors.ts";
import { type Actor, loadActor } from "./actor.ts";
import { SESSION_COOKIE, type SessionRow, touchSession } from "./sessions.ts";

/**
 * public: no session needed (login, health). session: any signed-in stage (change password,
 * TOTP). active (default): a fully signed-in user.
 */
export type Access = "public" | "session" | "active";

declare module "fastify" {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    session: (SessionRow & { token: string }) | null;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function registerAuth(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest("actor", null);
  app.decorateRequest("session", null);
  app.addHook("preHandler", async (req: FastifyRequest, reply: FastifyReply) => {
    // Unknown routes answer 404 (or the web app's index.html) to everybody, and the web app's
    // static files are public too: the sign-in page is made of them. Only /api is guarded.
    if (req.is404 || !req.url.startsWith("/api/")) return;
    const access = req.routeOptions.config?.access ?? "active";
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const found = await touchSession(ctx.db, token);
      if (found.status === "ok") {
        req.session = { ...found.session, token };
        req.actor = await loadActor(ctx.db, found.session.userId);
      } else {
        reply.clearCookie(SESSION_COOKIE, { path: "/" });
        if (access !== "public") {
          throw new Unauthorized(
            {
              "zh-CN":
                found.status === "idle"
                  ? "长时间未操作，已自动退出，请重新登录"
                  : "登录已过期，请重新登录",
              "en-US":
                found.status === "idle"
                  ? "Signed out after inactivity; please sign in again"
                  : "Your session has expired; please sign in again",
            },
            found.status === "missing" ? "unauthorized" : `session_${found.status}`,
          );
        }
      }
    }
    if (access === "public") return;
    if (!req.session || !req.actor) throw new Unauthorized();
    if (!SAFE_METHODS.has(req.method) && req.headers["x-csrf-token"] !== req.session.csrfToken) {
      throw new DomainError(403, "csrf", {
        "zh-CN": "请求缺少有效的安全令牌，请刷新页面后重试",
        "en-US": "Missing or invalid CSRF token; reload the page and try again",
      });
    }
    if (access === "active" && req.session.stage !== "active") {
      throw new DomainError(403, `stage_${req.session.stage}`, stageText[req.session.stage]);
    }
  });
}

const stageText = {
  password_change: { "zh-CN": "请先修改初始密码", "en-US": "Change your initial password first" },
  totp_enrol: {
    "zh-CN": "管理员账号须先绑定动态口令",
    "en-US": "Administrators must enrol a TOTP authenticator first",
  },
  totp: { "zh-CN": "请先输入动态口令", "en-US": "Enter your one-time code first" },
  active: { "zh-CN": "", "en-US": "" },
} as const;

/** The signed-in actor of a route that is not public. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new Unauthorized();
  return req.actor;
}

export function requirePermission(allowed: boolean) {
  if (!allowed) throw new Forbidden();
}

/** Who to name in the audit log for this request. */
export function auditActorOf(req: FastifyRequest): AuditActor {
  return {
    userId: req.actor?.userId ?? null,
    label: req.actor?.username ?? "anonymous",
    requestId: req.id,
    ip: req.ip,
  };
}
