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
 * the caller's transaction like recordAudit. The events travel as one JSON document: as
 * text[] parameters, node-postgres escaped every quote of every row's JSON into a new string,
 * the largest share of a 100,000-row import's garbage (issue 10). before/after are wrapped
 * ({"v": …}) so an explicit null stays JSON null and an absent value stays SQL NULL.
 */
export async function recordAuditMany(tx: Queryable, actor: AuditActor, events: AuditEvent[]) {
  if (events.length === 0) return;
  const wrap = (v: unknown) => (v === undefined ? null : { v });
  await tx.query(
    `INSERT INTO audit_events
       (actor_user_id, actor_label, action, entity_type, entity_id, org_path, before, after,
        request_id, ip)
     SELECT $1, $2, e.action, e.entity_type, e.entity_id, e.org_path::ltree, e.before -> 'v',
            e.after -> 'v', $3, $4
       FROM ROWS FROM (jsonb_to_recordset($5::jsonb) AS (action text, entity_type text,
              entity_id text, org_path text, before jsonb, after jsonb))
         WITH ORDINALITY AS e(action, entity_type, entity_id, org_path, before, after, n)
      ORDER BY e.n`,
    [
      actor.userId,
      actor.label,
      actor.requestId ?? null,
      actor.ip ?? null,
      JSON.stringify(
        events.map((e) => ({
          action: e.action,
          entity_type: e.entityType,
          entity_id: e.entityId == null ? null : String(e.entityId),
          org_path: e.orgPath ?? null,
          before: wrap(e.before),
          after: wrap(e.after),
        })),
      ),
    ],
  );
}

export const systemActor: AuditActor = { userId: null, label: "system" };
export const cliActor: AuditActor = { userId: null, label: "cli" };
