import type { AuditActor } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { verifyPassword } from "../../platform/auth/password.ts";
import type { Db } from "../../platform/db/pool.ts";
import { BadInput, Unauthorized } from "../../platform/errors.ts";
import { findUserById } from "./auth.repo.ts";
import { failAttempt, refuseWhileDelayed } from "./lockout.ts";

/**
 * 电子签名 by re-entering the password: other modules call this before a signed statement
 * (a cadre's attestation). A wrong password counts toward the sign-in delays like a failed
 * sign-in, so a borrowed session cannot be used to guess it, and is audited as `failedAction`.
 */
export async function confirmOwnPassword(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  password: string,
  failedAction: string,
  field = "password",
): Promise<void> {
  const user = await findUserById(db, actor.userId);
  if (!user || user.disabled) throw new Unauthorized();
  await refuseWhileDelayed(db, user.id, audit.ip ?? "unknown");
  if (!(await verifyPassword(user.passwordHash, password))) {
    await failAttempt(
      db,
      user,
      audit,
      failedAction,
      new BadInput(
        field,
        { "zh-CN": "密码不正确，签名未完成", "en-US": "Wrong password; nothing was signed" },
        "wrong_password",
      ),
    );
  }
}
