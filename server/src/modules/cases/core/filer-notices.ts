import type { AppContext } from "../../../platform/context.ts";
import { type Queryable, withTx } from "../../../platform/db/pool.ts";
import { notifyUsers } from "../../notifications/send-notification.ts";
import { caseSystemActor } from "./filer-actor.ts";

export const FILER_NOTICES_JOB = "cases_filer_notices";

/** Marks that the filer has something new to read; the next batch tells them. */
export async function queueFilerNotice(tx: Queryable, caseId: number) {
  await tx.query(
    "INSERT INTO case_filer_notices (case_id) VALUES ($1) ON CONFLICT (case_id) DO NOTHING",
    [caseId],
  );
}

/**
 * Tells every filer with news, in one batch at a set hour: one inbox message each, naming no
 * case, no org and no number, linking to their own list. A message written the moment the
 * handler wrote would sit beside the case's event at the same instant and tell anyone who
 * reads the notifications table who filed; a batch only says that they filed something. An
 * anonymous filer cannot be reached, and gets nothing.
 */
export async function sendFilerNotices(ctx: AppContext): Promise<number> {
  return withTx(ctx.db, async (tx) => {
    const pending = await tx.query<{ caseId: number; identity: Buffer | null }>(
      `SELECT n.case_id AS "caseId", f.identity
         FROM case_filer_notices n JOIN case_filers f ON f.case_id = n.case_id
        ORDER BY n.case_id FOR UPDATE OF n SKIP LOCKED`,
    );
    if (pending.rows.length === 0) return 0;
    const users = new Set<number>();
    for (const row of pending.rows) {
      if (!row.identity) continue;
      const { userId } = JSON.parse(ctx.cipher.decrypt(row.identity)) as { userId: number | null };
      if (userId) users.add(userId);
    }
    const sent =
      users.size === 0
        ? 0
        : await notifyUsers(tx, caseSystemActor, [...users], {
            kind: "case.filer_update",
            title: "您提交的举报或保护申请有新的进展或答复，请到「举报与保护申请」查看",
            link: "/my-cases",
          });
    await tx.query("DELETE FROM case_filer_notices WHERE case_id = ANY($1::bigint[])", [
      pending.rows.map((r) => r.caseId),
    ]);
    return sent;
  });
}
