import { recordAudit } from "../../platform/audit/record.ts";
import { isAdministrator, loadActor } from "../../platform/auth/actor.ts";
import { hashPassword, verifyPassword } from "../../platform/auth/password.ts";
import { createSession, endSession, type SessionStage } from "../../platform/auth/sessions.ts";
import type { AppContext } from "../../platform/context.ts";
import { withTx } from "../../platform/db/pool.ts";
import { Unauthorized } from "../../platform/errors.ts";
import { stageAfterPassword } from "./auth.policy.ts";
import { findUserById, findUserByUsername } from "./auth.repo.ts";
import type { LoginBody, UserSummary } from "./auth.schemas.ts";
import { failAttempt, forgetFailures, refuseWhileDelayed } from "./lockout.ts";
import { auditActorFor, type RequestMeta } from "./request-meta.ts";

/** One message for an unknown user and a wrong password, so usernames cannot be probed. */
export const invalidCredentials = () =>
  new Unauthorized(
    { "zh-CN": "用户名或密码错误", "en-US": "Wrong username or password" },
    "invalid_credentials",
  );

// Verifying against a real hash for unknown usernames makes both failures take as long.
let dummyHash: Promise<string> | undefined;
const timingDummy = () => {
  dummyHash ??= hashPassword("Wanggui-timing-equaliser-2024");
  return dummyHash;
};

export interface LoginResult {
  token: string;
  csrfToken: string;
  stage: SessionStage;
  user: UserSummary;
}

export async function login(
  ctx: AppContext,
  input: LoginBody,
  meta: RequestMeta,
  /** The browser's earlier session, if any; signing in again replaces it. */
  previousToken?: string,
): Promise<LoginResult> {
  const user = await findUserByUsername(ctx.db, input.username);
  // Delays hold before any password is checked: a guesser learns nothing while waiting.
  await refuseWhileDelayed(ctx.db, user?.id ?? null, meta.ip);
  if (!user) {
    await verifyPassword(await timingDummy(), input.password);
    return failAttempt(
      ctx.db,
      null,
      auditActorFor(null, meta),
      "auth.login_failed",
      invalidCredentials(),
      { username: input.username.slice(0, 64), reason: "unknown_user" },
    );
  }
  const actor = auditActorFor(user, meta);
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    return failAttempt(ctx.db, user, actor, "auth.login_failed", invalidCredentials());
  }
  if (user.disabled) {
    await withTx(ctx.db, (tx) =>
      recordAudit(tx, actor, {
        action: "auth.login_refused_disabled",
        entityType: "user",
        entityId: user.id,
        orgPath: user.orgPath,
      }),
    );
    throw new Unauthorized(
      {
        "zh-CN": "账号已停用，请联系本单位安全管理员",
        "en-US": "This account is disabled; contact your security administrator",
      },
      "account_disabled",
    );
  }

  return withTx(ctx.db, async (tx) => {
    // Re-read under a row lock, so a parallel change to the account is seen in order.
    const current = await findUserById(tx, user.id, true);
    if (!current) throw invalidCredentials();
    await forgetFailures(tx, user.id, meta.ip);
    if (previousToken) await endSession(tx, previousToken);
    const signedIn = await loadActor(tx, user.id);
    const stage = stageAfterPassword({
      mustChangePassword: current.mustChangePassword,
      isAdministrator: signedIn ? isAdministrator(signedIn) : false,
      totpEnabled: current.totpEnabled,
    });
    const session = await createSession(tx, user.id, stage, {
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    await recordAudit(tx, actor, {
      action: "auth.login",
      entityType: "user",
      entityId: user.id,
      orgPath: user.orgPath,
      after: { stage },
    });
    return {
      ...session,
      stage,
      user: { id: user.id, username: user.username, displayName: user.displayName },
    };
  });
}
