import type { AuditActor } from "../../platform/audit/record.ts";
import { recordAudit } from "../../platform/audit/record.ts";
import { isAdministrator, loadActor } from "../../platform/auth/actor.ts";
import { checkPasswordPolicy, hashPassword, verifyPassword } from "../../platform/auth/password.ts";
import {
  type SessionRow,
  type SessionStage,
  setSessionStage,
} from "../../platform/auth/sessions.ts";
import type { AppContext } from "../../platform/context.ts";
import { withTx } from "../../platform/db/pool.ts";
import { BadInput, InvalidState, Unauthorized } from "../../platform/errors.ts";
import { canChangePassword, secondFactorStage } from "./auth.policy.ts";
import { endOtherSessions, findUserById, setPassword } from "./auth.repo.ts";
import type { ChangePasswordBody } from "./auth.schemas.ts";
import { failAttempt, refuseWhileDelayed } from "./lockout.ts";

const wrongCurrent = () =>
  new BadInput(
    "currentPassword",
    { "zh-CN": "当前密码不正确", "en-US": "The current password is wrong" },
    "wrong_password",
  );

/**
 * Changes the signed-in user's own password. A wrong current password counts toward the
 * lockout like a failed sign-in, so a borrowed session cannot be used to guess it. Every
 * other session of the user ends: whoever knew the old password is signed out.
 */
export async function changePassword(
  ctx: AppContext,
  session: SessionRow & { token: string },
  input: ChangePasswordBody,
  actor: AuditActor,
): Promise<{ stage: SessionStage }> {
  if (!canChangePassword(session.stage)) {
    throw new InvalidState(
      {
        "zh-CN": "请先完成动态口令验证，再修改密码",
        "en-US": "Complete the one-time code step before changing the password",
      },
      `stage_${session.stage}`,
    );
  }
  const user = await findUserById(ctx.db, session.userId);
  if (!user) throw new Unauthorized();
  await refuseWhileDelayed(ctx.db, user.id, actor.ip ?? "unknown");
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    return failAttempt(ctx.db, user, actor, "auth.password_change_failed", wrongCurrent());
  }
  checkPasswordPolicy(input.newPassword, "newPassword", user.username);
  if (input.newPassword === input.currentPassword) {
    throw new BadInput(
      "newPassword",
      {
        "zh-CN": "新密码不能与当前密码相同",
        "en-US": "The new password must differ from the current one",
      },
      "password_reused",
    );
  }
  const newHash = await hashPassword(input.newPassword);

  return withTx(ctx.db, async (tx) => {
    await setPassword(tx, user.id, newHash, false);
    const endedSessions = await endOtherSessions(tx, user.id, session.token);
    let stage = session.stage;
    if (stage === "password_change") {
      const signedIn = await loadActor(tx, user.id);
      stage = secondFactorStage({
        isAdministrator: signedIn ? isAdministrator(signedIn) : false,
        totpEnabled: user.totpEnabled,
      });
      await setSessionStage(tx, session.token, stage);
    }
    await recordAudit(tx, actor, {
      action: "auth.password_changed",
      entityType: "user",
      entityId: user.id,
      orgPath: user.orgPath,
      after: { mustChangePassword: false, endedSessions, stage },
    });
    return { stage };
  });
}
