import type { Queryable } from "../../platform/db/pool.ts";
import { delaySeconds, THROTTLE } from "./auth.policy.ts";

/**
 * Seconds still to wait per counter. The account's own counter lives on its users row
 * (failed_attempts, locked_until: the end of its current delay, which the users list shows).
 */
export async function findThrottle(
  db: Queryable,
  userId: number | null,
  keys: (string | null)[],
): Promise<{ account: number; global: number; keys: Record<string, number> }> {
  const result = await db.query<{ key: string; wait: number }>(
    `SELECT key, extract(epoch FROM blocked_until - now())::float8 AS wait
       FROM sign_in_throttle WHERE key = ANY($1::text[]) AND blocked_until > now()
     UNION ALL
     SELECT 'account', extract(epoch FROM locked_until - now())::float8
       FROM users WHERE id = $2 AND locked_until > now()`,
    [keys.filter((k): k is string => k !== null), userId],
  );
  const waits = Object.fromEntries(result.rows.map((r) => [r.key, r.wait]));
  const { account = 0, global = 0, ...rest } = waits;
  return { account, global, keys: rest };
}

/** Adds one failure to each counter in one statement each; returns the new counts. */
export async function countFailure(
  tx: Queryable,
  input: {
    userId: number | null;
    pairKey: string | null;
    addressKey: string;
    forgetAfterMinutes: number;
  },
): Promise<{ pair: number; account: number; address: number; global: number }> {
  const bump = async (key: string, rule: Parameters<typeof delaySeconds>[1]) => {
    const result = await tx.query<{ failures: number }>(
      `INSERT INTO sign_in_throttle AS t (key, failures, last_failed_at) VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.last_failed_at < now() - make_interval(mins => $2) THEN 1
                         ELSE t.failures + 1 END,
         last_failed_at = now()
       RETURNING failures`,
      [key, input.forgetAfterMinutes],
    );
    const failures = result.rows[0]?.failures ?? 1;
    const wait = rule ? delaySeconds(failures, rule) : 0;
    if (wait > 0) {
      await tx.query(
        "UPDATE sign_in_throttle SET blocked_until = now() + make_interval(secs => $2) WHERE key = $1",
        [key, wait],
      );
    }
    return failures;
  };
  const pair = input.pairKey ? await bump(input.pairKey, THROTTLE.pair) : 0;
  const address = await bump(input.addressKey, THROTTLE.address);
  // The global counter is per calendar minute.
  const global = await tx.query<{ failures: number }>(
    `INSERT INTO sign_in_throttle AS t (key, failures, last_failed_at) VALUES ('global', 1, now())
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN date_trunc('minute', t.last_failed_at) < date_trunc('minute', now())
                       THEN 1 ELSE t.failures + 1 END,
       last_failed_at = now()
     RETURNING failures`,
  );
  let account = 0;
  if (input.userId !== null) {
    const result = await tx.query<{ failed_attempts: number }>(
      `UPDATE users SET
         failed_attempts = CASE WHEN updated_at < now() - make_interval(mins => $2) THEN 1
                                ELSE failed_attempts + 1 END,
         updated_at = now()
       WHERE id = $1 RETURNING failed_attempts`,
      [input.userId, input.forgetAfterMinutes],
    );
    account = result.rows[0]?.failed_attempts ?? 0;
    const wait = delaySeconds(account, THROTTLE.account);
    if (wait > 0) {
      await tx.query(
        "UPDATE users SET locked_until = now() + make_interval(secs => $2) WHERE id = $1",
        [input.userId, wait],
      );
    }
  }
  return { pair, account, address, global: global.rows[0]?.failures ?? 1 };
}

export async function clearThrottle(db: Queryable, userId: number, pairKey: string | null) {
  if (pairKey) await db.query("DELETE FROM sign_in_throttle WHERE key = $1", [pairKey]);
  await db.query(
    `UPDATE users SET failed_attempts = 0, locked_until = NULL, updated_at = now()
      WHERE id = $1 AND (failed_attempts <> 0 OR locked_until IS NOT NULL)`,
    [userId],
  );
}
