import type { AuditActor } from "../../platform/audit/record.ts";
import { recordAudit } from "../../platform/audit/record.ts";
import type { AppContext } from "../../platform/context.ts";
import { withTx } from "../../platform/db/pool.ts";
import { BadInput, Unauthorized } from "../../platform/errors.ts";
import { PI_NOTICE_VERSION } from "./auth.policy.ts";
import { findUserById, recordConsent as saveConsent } from "./auth.repo.ts";
import type { ConsentBody, ConsentResponse } from "./auth.schemas.ts";

/**
 * Records that the user read and agreed to the personal-information notice. Only the
 * version currently shown can be agreed to, so a stale page cannot record consent to text
 * the user never saw.
 */
export async function recordConsent(
  ctx: AppContext,
  userId: number,
  input: ConsentBody,
  actor: AuditActor,
): Promise<ConsentResponse> {
  if (input.version !== PI_NOTICE_VERSION) {
    throw new BadInput(
      "version",
      {
        "zh-CN": `个人信息告知书已更新为 ${PI_NOTICE_VERSION} 版，请刷新后重新阅读`,
        "en-US": `The personal-information notice is now version ${PI_NOTICE_VERSION}; reload and read it again`,
      },
      "stale_notice",
    );
  }
  const user = await findUserById(ctx.db, userId);
  if (!user) throw new Unauthorized();
  return withTx(ctx.db, async (tx) => {
    const at = await saveConsent(tx, userId, input.version);
    await recordAudit(tx, actor, {
      action: "auth.pi_consent",
      entityType: "user",
      entityId: userId,
      orgPath: user.orgPath,
      before: user.piConsentVersion ? { version: user.piConsentVersion } : undefined,
      after: { version: input.version },
    });
    return { piConsentAt: at.toISOString(), piConsentVersion: input.version };
  });
}
