import type { AuditActor } from "../../platform/audit/record.ts";
import { recordAudit } from "../../platform/audit/record.ts";
import { type SessionRow, setSessionStage } from "../../platform/auth/sessions.ts";
import type { AppContext } from "../../platform/context.ts";
import { withTx } from "../../platform/db/pool.ts";
import { BadInput, Unauthorized } from "../../platform/errors.ts";
import {
  claimTotpStep,
  countUnusedRecoveryCodes,
  findUserById,
  useRecoveryCode,
} from "./auth.repo.ts";
import type { StageResponse, TotpVerifyBody } from "./auth.schemas.ts";
import { wrongCode } from "./confirm-totp.ts";
import { wrongStage } from "./enrol-totp.ts";
import { failAttempt, forgetFailures, refuseWhileDelayed } from "./lockout.ts";
import { matchTotp, recoveryCodeDigest } from "./totp.ts";

const wrongRecoveryCode = () =>
  new BadInput(
    "recoveryCode",
    { "zh-CN": "恢复码不正确或已使用", "en-US": "The recovery code is wrong or already used" },
    "invalid_recovery_code",
  );

/**
 * The administrator's second factor: a current code from the app, or one of the recovery
 * codes, each of which works once. Wrong codes count toward the same lockout as passwords.
 */
export async function verifyTotp(
  ctx: AppContext,
  session: SessionRow & { token: string },
  input: TotpVerifyBody,
  actor: AuditActor,
): Promise<StageResponse> {
  if (session.stage !== "totp") throw wrongStage(session.stage);
  const user = await findUserById(ctx.db, session.userId);
  if (!user) throw new Unauthorized();
  await refuseWhileDelayed(ctx.db, user.id, actor.ip ?? "unknown");
  if (!user.totpEnabled || !user.totpSecretEnc) throw wrongStage(session.stage);
  const secretEnc = user.totpSecretEnc;

  const method = "code" in input ? "totp" : "recovery_code";
  const accepted = await withTx(ctx.db, async (tx) => {
    if ("code" in input) {
      const step = matchTotp(ctx.cipher.decrypt(secretEnc), input.code);
      if (step === null || !(await claimTotpStep(tx, user.id, step))) return false;
    } else if (!(await useRecoveryCode(tx, user.id, recoveryCodeDigest(input.recoveryCode)))) {
      return false;
    }
    await forgetFailures(tx, user.id, actor.ip ?? "unknown");
    await setSessionStage(tx, session.token, "active", true);
    await recordAudit(tx, actor, {
      action: "auth.totp_verified",
      entityType: "user",
      entityId: user.id,
      orgPath: user.orgPath,
      after:
        method === "recovery_code"
          ? { method, recoveryCodesLeft: await countUnusedRecoveryCodes(tx, user.id) }
          : { method },
    });
    return true;
  });
  if (!accepted) {
    const failure = method === "totp" ? wrongCode() : wrongRecoveryCode();
    return failAttempt(ctx.db, user, actor, "auth.totp_failed", failure);
  }
  return { stage: "active" };
}
