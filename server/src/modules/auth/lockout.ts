import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { type DomainError, TooManyRequests } from "../../platform/errors.ts";
import { LOCK_MINUTES, MAX_FAILED_ATTEMPTS } from "./auth.policy.ts";
import { addFailedAttempt } from "./auth.repo.ts";

const beijing = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** Users read the unlock time on the clock they live by: Beijing time. */
export function formatBeijingTime(at: Date): string {
  const parts = Object.fromEntries(beijing.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

export function accountLocked(until: Date | null): TooManyRequests {
  const when = until ? formatBeijingTime(until) : "";
  return new TooManyRequests(
    {
      "zh-CN": `连续验证失败 ${MAX_FAILED_ATTEMPTS} 次，账号已锁定 ${LOCK_MINUTES} 分钟，请于北京时间 ${when} 后再试`,
      "en-US": `Account locked after ${MAX_FAILED_ATTEMPTS} failed attempts; try again after ${when} (Beijing time)`,
    },
    "account_locked",
  );
}

/**
 * Records a failed password or one-time code in its own transaction — it must stick even
 * though the request fails — then throws: the lock if this failure reached the limit,
 * otherwise `failure`.
 */
export async function failAttempt(
  db: Db,
  user: { id: number; orgPath: string | null },
  actor: AuditActor,
  action: string,
  failure: DomainError,
): Promise<never> {
  const outcome = await withTx(db, async (tx) => {
    const result = await addFailedAttempt(tx, user.id, MAX_FAILED_ATTEMPTS, LOCK_MINUTES);
    await recordAudit(tx, actor, {
      action,
      entityType: "user",
      entityId: user.id,
      orgPath: user.orgPath,
      after: { failedAttempts: result.lockedNow ? MAX_FAILED_ATTEMPTS : result.failedAttempts },
    });
    if (result.lockedNow) {
      await recordAudit(tx, actor, {
        action: "auth.account_locked",
        entityType: "user",
        entityId: user.id,
        orgPath: user.orgPath,
        after: { lockedUntil: result.lockedUntil?.toISOString() ?? null },
      });
    }
    return result;
  });
  throw outcome.lockedNow ? accountLocked(outcome.lockedUntil) : failure;
}
