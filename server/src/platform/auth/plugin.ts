import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AuditActor } from "../audit/record.ts";
import type { AppContext } from "../context.ts";
import { DomainError, Forbidden, Unauthorized } from "../errors.ts";
import { type AccountState, type Actor, isAdministrator } from "./actor.ts";
import { ActorCache } from "./actor-cache.ts";
import { hasConsented } from "./consent.ts";
import { SessionReads } from "./session-reads.ts";
import {
  SESSION_COOKIE,
  type SessionStage,
  type SessionState,
  setSessionStage,
} from "./sessions.ts";

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
    account: AccountState | null;
    session: (SessionState & { token: string }) | null;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function registerAuth(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest("actor", null);
  app.decorateRequest("account", null);
  app.decorateRequest("session", null);
  const cache = new ActorCache();
  const sessions = new SessionReads(ctx.db);
  // Before validation, so a stranger learns nothing from a 400 and every refusal (401, CSRF,
  // stage, consent) applies to every route whatever its body.
  app.addHook("preValidation", async (req: FastifyRequest, reply: FastifyReply) => {
    // Unknown routes answer 404 (or the web app's index.html) to everybody, and the web app's
    // static files are public too: the sign-in page is made of them. Only /api is guarded.
    if (req.is404 || !req.url.startsWith("/api/")) return;
    const access = req.routeOptions.config?.access ?? "active";
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const found = await sessions.lookup(token);
      const signedIn = found.status === "ok" ? await cache.get(ctx.db, found.session) : null;
      if (found.status === "ok" && signedIn) {
        const stage = await effectiveStage(ctx, token, found.session, signedIn);
        req.session = { ...found.session, stage, token };
        req.actor = signedIn.actor;
        req.account = signedIn.account;
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
    if (!req.session || !req.actor || !req.account) throw new Unauthorized();
    if (!SAFE_METHODS.has(req.method) && req.headers["x-csrf-token"] !== req.session.csrfToken) {
      throw new DomainError(403, "csrf", {
        "zh-CN": "请求缺少有效的安全令牌，请刷新页面后重试",
        "en-US": "Missing or invalid CSRF token; reload the page and try again",
      });
    }
    if (access === "active" && req.session.stage !== "active") {
      throw new DomainError(403, `stage_${req.session.stage}`, stageText[req.session.stage]);
    }
    // Consent is the server's rule, not the web app's: without it no personal data leaves.
    if (access === "active" && !hasConsented(req.account)) {
      throw new DomainError(403, "consent_required", {
        "zh-CN": "请先阅读并同意个人信息处理告知书",
        "en-US": "Read and agree to the personal-information notice first",
      });
    }
  });
}

/**
 * An administrator role works only in a session that proved a second factor. A role granted
 * while the user is signed in, or a scheduled grant that starts today, drops such a session to
 * the TOTP step here, before the request runs.
 */
async function effectiveStage(
  ctx: AppContext,
  token: string,
  session: SessionState,
  signedIn: { actor: Actor; account: AccountState },
): Promise<SessionStage> {
  if (session.stage !== "active" || session.mfaAt || !isAdministrator(signedIn.actor)) {
    return session.stage;
  }
  const stage = signedIn.account.totpEnabled ? "totp" : "totp_enrol";
  await setSessionStage(ctx.db, token, stage);
  return stage;
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
