import type { Actor } from "../../platform/auth/actor.ts";
import type { Permission } from "../../platform/auth/permissions.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { scopeClause } from "../../platform/scope.ts";

export interface NewNotification {
  kind: string;
  title: string;
  body?: string;
  link?: string | null;
  sourceType?: string | null;
  sourceId?: string | number | null;
  orgPath?: string | null;
}

/** One row per recipient, in a single statement. Returns how many were written. */
export async function insertForUsers(
  tx: Queryable,
  createdBy: number | null,
  userIds: number[],
  n: NewNotification,
) {
  if (userIds.length === 0) return 0;
  const result = await tx.query(
    `INSERT INTO notifications (user_id, kind, title, body, link, source_type, source_id, org_path, created_by)
     SELECT u, $2, $3, $4, $5, $6, $7, $8::ltree, $9 FROM unnest($1::bigint[]) AS u`,
    [
      userIds,
      n.kind,
      n.title,
      n.body ?? "",
      n.link ?? null,
      n.sourceType ?? null,
      n.sourceId == null ? null : String(n.sourceId),
      n.orgPath ?? null,
      createdBy,
    ],
  );
  return result.rowCount ?? 0;
}

/** The accounts of the given members (a member without an account gets nothing in-app). */
export async function usersOfMembers(tx: Queryable, memberIds: number[]) {
  const rows = await tx.query<{ id: number }>(
    "SELECT id FROM users WHERE member_id = ANY($1::bigint[]) AND disabled_at IS NULL",
    [memberIds],
  );
  return rows.rows.map((r) => r.id);
}

export async function listOwn(
  db: Queryable,
  userId: number,
  q: { page: number; pageSize: number; unreadOnly: boolean },
) {
  const rows = await db.query<{
    id: number;
    kind: string;
    title: string;
    body: string;
    link: string | null;
    created_at: Date;
    read_at: Date | null;
    total: number;
    unread: number;
  }>(
    `SELECT id, kind, title, body, link, created_at, read_at, count(*) OVER ()::int AS total,
            (SELECT count(*)::int FROM notifications WHERE user_id = $1 AND read_at IS NULL) AS unread
       FROM notifications WHERE user_id = $1 AND ($2::boolean IS false OR read_at IS NULL)
      ORDER BY id DESC LIMIT $3 OFFSET $4`,
    [userId, q.unreadOnly, q.pageSize, (q.page - 1) * q.pageSize],
  );
  const unread =
    rows.rows[0]?.unread ??
    (
      await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL",
        [userId],
      )
    ).rows[0]?.n ??
    0;
  return {
    total: rows.rows[0]?.total ?? 0,
    unread,
    items: rows.rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      link: r.link,
      createdAt: r.created_at.toISOString(),
      readAt: r.read_at?.toISOString() ?? null,
    })),
  };
}

/** Marks the caller's own notification read; someone else's is simply not found. */
export async function markRead(tx: Queryable, userId: number, id: number) {
  const rows = await tx.query<{ id: number; read_at: Date; org_path: string | null }>(
    `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2
     RETURNING id, read_at, org_path::text AS org_path`,
    [id, userId],
  );
  return rows.rows[0] ?? null;
}

/** Marks every unread notification of the caller read; returns how many changed. */
export async function markAllRead(tx: Queryable, userId: number) {
  const result = await tx.query(
    "UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL",
    [userId],
  );
  return result.rowCount ?? 0;
}

/** For the header's badge: one index-only count, asked for often. */
export async function unreadCount(db: Queryable, userId: number) {
  const rows = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL",
    [userId],
  );
  return rows.rows[0]?.n ?? 0;
}

/** Who received and read what a source sent, limited to notifications in the caller's scope. */
export async function receipts(
  db: Queryable,
  actor: Actor,
  permission: Permission,
  sourceType: string,
  sourceId: string,
) {
  const params: unknown[] = [sourceType, sourceId];
  const scope = scopeClause(actor, permission, "n.org_path", params);
  const rows = await db.query<{
    user_id: number;
    display_name: string;
    created_at: Date;
    read_at: Date | null;
  }>(
    `SELECT n.user_id, u.display_name, n.created_at, n.read_at FROM notifications n JOIN users u ON u.id = n.user_id
      WHERE n.source_type = $1 AND n.source_id = $2 AND ${scope} ORDER BY n.read_at NULLS FIRST, n.id`,
    params,
  );
  return {
    sent: rows.rowCount ?? 0,
    read: rows.rows.filter((r) => r.read_at).length,
    items: rows.rows.map((r) => ({
      userId: r.user_id,
      displayName: r.display_name,
      createdAt: r.created_at.toISOString(),
      readAt: r.read_at?.toISOString() ?? null,
    })),
  };
}
