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

/**
 * Writes many audit rows of one actor in one statement (a roster import's member rows), in
 * the caller's transaction like recordAudit.
 */
export async function recordAuditMany(tx: Queryable, actor: AuditActor, events: AuditEvent[]) {
  if (events.length === 0) return;
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  await tx.query(
    `INSERT INTO audit_events
       (actor_user_id, actor_label, action, entity_type, entity_id, org_path, before, after,
        request_id, ip)
     SELECT $1, $2, e.action, e.entity_type, e.entity_id, e.org_path::ltree, e.before::jsonb,
            e.after::jsonb, $3, $4
       FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
         WITH ORDINALITY AS e(action, entity_type, entity_id, org_path, before, after, n)
      ORDER BY e.n`,
    [
      actor.userId,
      actor.label,
      actor.requestId ?? null,
      actor.ip ?? null,
      events.map((e) => e.action),
      events.map((e) => e.entityType),
      events.map((e) => (e.entityId == null ? null : String(e.entityId))),
      events.map((e) => e.orgPath ?? null),
      events.map((e) => json(e.before)),
      events.map((e) => json(e.after)),
    ],
  );
}

export const systemActor: AuditActor = { userId: null, label: "system" };
export const cliActor: AuditActor = { userId: null, label: "cli" };
