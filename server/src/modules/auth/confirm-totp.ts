import type { AuditActor } from "../../platform/audit/record.ts";
import { recordAudit } from "../../platform/audit/record.ts";
import { type SessionRow, setSessionStage } from "../../platform/auth/sessions.ts";
import type { AppContext } from "../../platform/context.ts";
import { withTx } from "../../platform/db/pool.ts";
import { BadInput, InvalidState, Unauthorized } from "../../platform/errors.ts";
import { claimTotpStep, enableTotp, findUserById, replaceRecoveryCodes } from "./auth.repo.ts";
import type { TotpConfirmBody, TotpConfirmResponse } from "./auth.schemas.ts";
import { wrongStage } from "./enrol-totp.ts";
import { failAttempt, forgetFailures, refuseWhileDelayed } from "./lockout.ts";
import { generateRecoveryCodes, matchTotp, recoveryCodeDigest } from "./totp.ts";

export const wrongCode = () =>
  new BadInput(
    "code",
    { "zh-CN": "动态口令不正确或已过期", "en-US": "The one-time code is wrong or expired" },
    "invalid_totp",
  );

/**
 * Proves the authenticator app holds the pending secret, turns TOTP on and hands out the
 * recovery codes — the only time they are ever shown.
 */
export async function confirmTotp(
  ctx: AppContext,
  session: SessionRow & { token: string },
  input: TotpConfirmBody,
  actor: AuditActor,
): Promise<TotpConfirmResponse> {
  if (session.stage !== "totp_enrol") throw wrongStage(session.stage);
  const user = await findUserById(ctx.db, session.userId);
  if (!user) throw new Unauthorized();
  await refuseWhileDelayed(ctx.db, user.id, actor.ip ?? "unknown");
  if (!user.totpSecretEnc || user.totpEnabled) {
    throw new InvalidState(
      {
        "zh-CN": "请先获取新的动态口令密钥",
        "en-US": "Start the enrolment to get a new secret first",
      },
      "totp_not_enrolling",
    );
  }
  const step = matchTotp(ctx.cipher.decrypt(user.totpSecretEnc), input.code);
  if (step === null) {
    return failAttempt(ctx.db, user, actor, "auth.totp_failed", wrongCode());
  }
  const recoveryCodes = generateRecoveryCodes();
  await withTx(ctx.db, async (tx) => {
    if (!(await claimTotpStep(tx, user.id, step))) throw wrongCode();
    await enableTotp(tx, user.id);
    await replaceRecoveryCodes(tx, user.id, recoveryCodes.map(recoveryCodeDigest));
    await forgetFailures(tx, user.id, actor.ip ?? "unknown");
    await setSessionStage(tx, session.token, "active", true);
    await recordAudit(tx, actor, {
      action: "auth.totp_enabled",
      entityType: "user",
      entityId: user.id,
      orgPath: user.orgPath,
      after: { recoveryCodes: recoveryCodes.length },
    });
  });
  return { stage: "active", recoveryCodes };
}
