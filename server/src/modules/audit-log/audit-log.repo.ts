import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { scopeClause, scopePaths } from "../../platform/scope.ts";
import type { AuditEvent, AuditEventsQuery } from "./audit-log.schemas.ts";

/**
 * Audit rows in the caller's subtree. Rows that belong to no org (sign-ins, system work) are
 * shown only to auditors whose grant sits at a top-level org, who answer for the whole system.
 */
export async function listAuditEvents(db: Queryable, actor: Actor, q: AuditEventsQuery) {
  const params: unknown[] = [];
  const inScope = scopeClause(actor, "audit:read", "e.org_path", params);
  const seesUnscoped = scopePaths(actor, "audit:read").some((p) => !p.includes("."));
  const where = [seesUnscoped ? `(${inScope} OR e.org_path IS NULL)` : inScope];
  if (q.action) {
    params.push(`${q.action}%`);
    where.push(`e.action LIKE $${params.length}`);
  }
  if (q.actor) {
    params.push(q.actor);
    where.push(`e.actor_label = $${params.length}`);
  }
  if (q.entityType) {
    params.push(q.entityType);
    where.push(`e.entity_type = $${params.length}`);
  }
  if (q.orgId) {
    params.push(q.orgId);
    where.push(`e.org_path <@ (SELECT path FROM orgs WHERE id = $${params.length})`);
  }
  if (q.from) {
    params.push(q.from);
    where.push(`e.occurred_at >= $${params.length}`);
  }
  if (q.to) {
    params.push(q.to);
    where.push(`e.occurred_at < $${params.length}`);
  }
  const filter = where.join(" AND ");
  const total = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_events e WHERE ${filter}`,
    params,
  );
  params.push(q.pageSize, (q.page - 1) * q.pageSize);
  const rows = await db.query<{
    id: number;
    occurred_at: Date;
    actor_user_id: number | null;
    actor_label: string;
    action: string;
    entity_type: string;
    entity_id: string | null;
    org_path: string | null;
    before: unknown;
    after: unknown;
    ip: string | null;
    sealed: boolean;
  }>(
    `SELECT e.id, e.occurred_at, e.actor_user_id, e.actor_label, e.action, e.entity_type, e.entity_id,
            e.org_path::text AS org_path, e.before, e.after, e.ip, e.chain_seq IS NOT NULL AS sealed
       FROM audit_events e WHERE ${filter}
      ORDER BY e.id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  const items: AuditEvent[] = rows.rows.map((r) => ({
    id: r.id,
    occurredAt: r.occurred_at.toISOString(),
    actorUserId: r.actor_user_id,
    actorLabel: r.actor_label,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    orgPath: r.org_path,
    before: r.before,
    after: r.after,
    ip: r.ip,
    sealed: r.sealed,
  }));
  return { items, total: total.rows[0]?.n ?? 0 };
}
