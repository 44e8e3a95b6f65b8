import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { insertForUsers, type NewNotification, usersOfMembers } from "./notifications.repo.ts";

/**
 * The service other modules call to remind or inform people, inside their own transaction,
 * so a reminder exists exactly when the change that caused it does. One audit row per send.
 */
export async function notifyUsers(
  tx: Queryable,
  actor: AuditActor,
  userIds: number[],
  n: NewNotification,
) {
  const sent = await insertForUsers(tx, actor.userId, [...new Set(userIds)], n);
  await recordAudit(tx, actor, {
    action: "notification.send",
    entityType: n.sourceType ?? "notification",
    entityId: n.sourceId ?? null,
    orgPath: n.orgPath ?? null,
    after: { kind: n.kind, title: n.title, recipients: sent },
  });
  return sent;
}

export async function notifyMembers(
  tx: Queryable,
  actor: AuditActor,
  memberIds: number[],
  n: NewNotification,
) {
  return notifyUsers(tx, actor, await usersOfMembers(tx, memberIds), n);
}
