import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { scopeClause, scopePaths } from "../../platform/scope.ts";
import { membersNamedSql } from "../members/member-refs.ts";
import { usersNamedSql } from "../users/user-labels.ts";
import type { AuditEventsQuery } from "./audit-log.schemas.ts";

/** A row as stored; audit-log-names.ts adds the names people read. */
export interface AuditRow {
  id: number;
  occurredAt: string;
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  orgPath: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  requestId: string | null;
  sealed: boolean;
}

/**
 * Audit rows in the caller's subtree. Rows that belong to no org (sign-ins, system work) are
 * shown only to auditors whose grant sits at a top-level org, who answer for the whole system.
 */
export async function listAuditEvents(
  db: Queryable,
  actor: Actor,
  q: AuditEventsQuery,
  /** The actions whose Chinese name holds the keyword `q.q`. */
  keywordActions?: string[],
) {
  const params: unknown[] = [];
  const inScope = scopeClause(actor, "audit:read", "e.org_path", params);
  const seesUnscoped = scopePaths(actor, "audit:read").some((p) => !p.includes("."));
  const where = [seesUnscoped ? `(${inScope} OR e.org_path IS NULL)` : inScope];
  if (q.action) {
    params.push(`${q.action}%`);
    where.push(`e.action LIKE $${params.length}`);
  }
  if (q.actions) {
    params.push(q.actions.split(","));
    where.push(`e.action = ANY($${params.length}::text[])`);
  }
  if (q.q && keywordActions) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.push(keywordActions, like);
    const n = params.length;
    // An action named so, done by someone so named, or done to a member so named.
    where.push(`(e.action = ANY($${n - 1}::text[])
      OR e.actor_user_id IN (${usersNamedSql(`$${n}`)})
      OR (e.entity_type = 'member' AND e.entity_id IN (${membersNamedSql(`$${n}`)}))
      OR e.actor_label ILIKE $${n})`);
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
  const rows = await db.query<AuditRow>(
    `SELECT e.id, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "occurredAt",
            e.actor_user_id::int AS "actorUserId", e.actor_label AS "actorLabel", e.action,
            e.entity_type AS "entityType", e.entity_id AS "entityId", e.org_path::text AS "orgPath",
            e.before, e.after, e.ip, e.request_id AS "requestId", e.chain_seq IS NOT NULL AS sealed
       FROM audit_events e WHERE ${filter}
      ORDER BY e.id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { items: rows.rows, total: total.rows[0]?.n ?? 0 };
}
