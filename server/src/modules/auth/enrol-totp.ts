import type { AuditActor } from "../../platform/audit/record.ts";
import { recordAudit } from "../../platform/audit/record.ts";
import type { SessionRow } from "../../platform/auth/sessions.ts";
import type { AppContext } from "../../platform/context.ts";
import { withTx } from "../../platform/db/pool.ts";
import { InvalidState, Unauthorized } from "../../platform/errors.ts";
import { findUserById, setPendingTotp } from "./auth.repo.ts";
import type { TotpEnrolResponse } from "./auth.schemas.ts";
import { newTotpSecret, totpFor } from "./totp.ts";

export const wrongStage = (stage: string) =>
  new InvalidState(
    {
      "zh-CN": "当前登录步骤不能进行此操作，请刷新页面",
      "en-US": "This step does not apply to your sign-in now; reload the page",
    },
    `stage_${stage}`,
  );

/**
 * Starts TOTP enrolment: a fresh secret, kept encrypted and not yet in force. It takes
 * effect only when the user proves their app holds it (confirm-totp), so a half-finished
 * enrolment cannot lock an administrator out.
 */
export async function enrolTotp(
  ctx: AppContext,
  session: SessionRow,
  actor: AuditActor,
): Promise<TotpEnrolResponse> {
  if (session.stage !== "totp_enrol") throw wrongStage(session.stage);
  const user = await findUserById(ctx.db, session.userId);
  if (!user) throw new Unauthorized();
  const secret = newTotpSecret();
  await withTx(ctx.db, async (tx) => {
    await setPendingTotp(tx, user.id, ctx.cipher.encrypt(secret));
    await recordAudit(tx, actor, {
      action: "auth.totp_enrol_started",
      entityType: "user",
      entityId: user.id,
      orgPath: user.orgPath,
    });
  });
  return { secret, uri: totpFor(secret, user.username).toString() };
}
