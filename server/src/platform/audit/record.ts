import type { Queryable } from "../db/pool.ts";

export interface AuditActor {
  userId: number | null;
  /** Username, or "system"/"cli" for work no signed-in person did. */
  label: string;
  requestId?: string;
  ip?: string;
}

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  orgPath?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Writes one audit row. Call it with the transaction that makes the change, so the change
 * and its record commit or roll back together.
 */
export async function recordAudit(tx: Queryable, actor: AuditActor, event: AuditEvent) {
  await tx.query(
    `INSERT INTO audit_events
       (actor_user_id, actor_label, action, entity_type, entity_id, org_path, before, after,
        request_id, ip)
     VALUES ($1, $2, $3, $4, $5, $6::ltree, $7, $8, $9, $10)`,
    [
      actor.userId,
      actor.label,
      event.action,
      event.entityType,
      event.entityId == null ? null : String(event.entityId),
      event.orgPath ?? null,
      event.before === undefined ? null : JSON.stringify(event.before),
      event.after === undefined ? null : JSON.stringify(event.after),
      actor.requestId ?? null,
      actor.ip ?? null,
    ],
  );
}

export const systemActor: AuditActor = { userId: null, label: "system" };
export const cliActor: AuditActor = { userId: null, label: "cli" };
