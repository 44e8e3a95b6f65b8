import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Db, Queryable } from "../../platform/db/pool.ts";
import { withTx } from "../../platform/db/pool.ts";
import { type DomainError, TooManyRequests } from "../../platform/errors.ts";
import { delaySeconds, THROTTLE } from "./auth.policy.ts";
import { clearThrottle, countFailure, findThrottle } from "./throttle.repo.ts";

export function signInDelayed(seconds: number): TooManyRequests {
  const wait = Math.max(1, Math.ceil(seconds));
  return new TooManyRequests(
    {
      "zh-CN": `验证失败次数过多，请 ${wait} 秒后再试`,
      "en-US": `Too many failed attempts; try again in ${wait} seconds`,
    },
    "sign_in_delayed",
  );
}

const signInBusy = () =>
  new TooManyRequests(
    {
      "zh-CN": "登录失败的请求过多，系统已暂时限流，请一分钟后再试",
      "en-US": "Too many failed sign-ins across the system; try again in a minute",
    },
    "sign_in_busy",
  );

const keys = (userId: number | null, ip: string) => ({
  pair: userId === null ? null : `pair:${userId}:${ip}`,
  address: `address:${ip}`,
});

/**
 * Refuses before any password or code is checked while a delay holds for this account from
 * this address, for the account overall, for the address, or for everyone (the global limit).
 */
export async function refuseWhileDelayed(db: Queryable, userId: number | null, ip: string) {
  const k = keys(userId, ip);
  const waits = await findThrottle(db, userId, [k.pair, k.address, "global"]);
  if (waits.global > 0) throw signInBusy();
  const longest = Math.max(waits.account, ...Object.values(waits.keys));
  if (longest > 0) throw signInDelayed(longest);
}

/** A success forgets this address's failures on the account and the account's own count. */
export async function forgetFailures(db: Queryable, userId: number, ip: string) {
  await clearThrottle(db, userId, keys(userId, ip).pair);
}

/**
 * Records a failed password or one-time code in its own transaction — it must stick even
 * though the request fails — then throws: the delay if this failure started one, otherwise
 * `failure`. Unknown usernames count against the address and the global limit.
 */
export async function failAttempt(
  db: Db,
  user: { id: number; orgPath: string | null } | null,
  actor: AuditActor,
  action: string,
  failure: DomainError,
  detail: Record<string, unknown> = {},
): Promise<never> {
  const ip = actor.ip ?? "unknown";
  const k = keys(user?.id ?? null, ip);
  const outcome = await withTx(db, async (tx) => {
    const counted = await countFailure(tx, {
      userId: user?.id ?? null,
      pairKey: k.pair,
      addressKey: k.address,
      forgetAfterMinutes: THROTTLE.forgetAfterMinutes,
    });
    const waits = {
      pair: delaySeconds(counted.pair, THROTTLE.pair),
      account: delaySeconds(counted.account, THROTTLE.account),
      address: delaySeconds(counted.address, THROTTLE.address),
    };
    await countGlobal(tx, counted.global);
    const delay = Math.max(waits.pair, waits.account, waits.address);
    await recordAudit(tx, actor, {
      action,
      entityType: "user",
      entityId: user?.id,
      orgPath: user?.orgPath ?? null,
      after: {
        ...detail,
        failedAttempts: counted.pair || counted.address,
        ...(delay ? { delay } : {}),
      },
    });
    if (delay > 0) {
      await recordAudit(tx, actor, {
        action: "auth.sign_in_delayed",
        entityType: "user",
        entityId: user?.id,
        orgPath: user?.orgPath ?? null,
        after: { ...waits, failures: counted },
      });
    }
    return delay;
  });
  throw outcome > 0 ? signInDelayed(outcome) : failure;
}

async function countGlobal(tx: Queryable, failures: number) {
  if (failures === THROTTLE.globalPerMinute) {
    await tx.query(
      "UPDATE sign_in_throttle SET blocked_until = date_trunc('minute', now()) + interval '1 minute' WHERE key = 'global'",
    );
  }
}
