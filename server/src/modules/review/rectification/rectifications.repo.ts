import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import {
  type KeyColumn,
  keysetAfter,
  keysetOrder,
  keysetPage,
  keysetSelect,
} from "../../../platform/keyset.ts";
import { reachClause, readScope } from "../review.policy.ts";
import type {
  Rectification,
  RectificationQuery,
  UpdateRectificationBody,
} from "./rectification.schemas.ts";

/**
 * Brings the self-review's items in line with its gaps: a gap opens an item (or refreshes
 * an open one after a return), an item whose gap was withdrawn on revision goes away. Done
 * items are history and stay.
 */
export async function syncRectifications(
  tx: Queryable,
  r: { selfReviewId: number; meetingId: number; ownerId: number; orgPath: string; dueOn: string },
) {
  await tx.query(
    `DELETE FROM rectification_items x WHERE x.self_review_id = $1 AND x.status = 'open'
        AND NOT EXISTS (SELECT 1 FROM self_review_items i WHERE i.self_review_id = $1
                          AND i.seq = x.item_seq AND i.answer = 'gap')`,
    [r.selfReviewId],
  );
  await tx.query(
    `INSERT INTO rectification_items (meeting_id, self_review_id, item_seq, org_path, org_id,
       owner_member_id, owner_name, problem, measure, due_on)
     SELECT $2, i.self_review_id, i.seq, $4::ltree, m.org_id, $3, a.member_name,
            i.article_label || '：' || i.problem, i.measure, $5
       FROM self_review_items i
       JOIN review_meetings m ON m.id = $2
       JOIN review_attendees a ON a.meeting_id = $2 AND a.member_id = $3
      WHERE i.self_review_id = $1 AND i.answer = 'gap'
     ON CONFLICT (self_review_id, item_seq) DO UPDATE
        SET problem = EXCLUDED.problem, measure = EXCLUDED.measure
      WHERE rectification_items.status = 'open'`,
    [r.selfReviewId, r.meetingId, r.ownerId, r.orgPath, r.dueOn],
  );
}

const SELECT = `SELECT x.id, x.source, x.meeting_id AS "meetingId", m.topic AS "meetingTopic",
    x.org_id AS "orgId", o.name AS "orgName",
    json_build_object('id', x.owner_member_id, 'name', x.owner_name) AS owner,
    x.problem, x.measure, x.due_on AS "dueOn", x.status,
    (x.status = 'open' AND x.due_on < cn_today()) AS overdue, x.evidence,
    coalesce((SELECT json_agg(json_build_object('id', f.id, 'fileName', f.file_name,
                'mime', f.mime, 'size', f.size_bytes,
                'uploadedAt', to_char(f.uploaded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'))
                ORDER BY f.id)
                FROM rectification_evidence_files f WHERE f.rectification_id = x.id), '[]')
      AS "evidenceFiles",
    to_char(x.done_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "doneAt",
    x.review_comment AS "reviewComment",
    to_char(x.closed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "closedAt",
    x.org_path::text AS "orgPath"
  FROM rectification_items x JOIN orgs o ON o.id = x.org_id
  LEFT JOIN review_meetings m ON m.id = x.meeting_id`;

export type RectificationRow = Omit<Rectification, "can"> & { orgPath: string };

// Open items first, then those awaiting 销号, then closed ('open' > 'done' > 'closed', hence
// DESC), the earliest due first.
const RECTIFICATION_ORDER: KeyColumn[] = [
  { sql: "x.status", type: "text", desc: true },
  { sql: "x.due_on", type: "date" },
  { sql: "x.id", type: "int" },
];

export async function listRectifications(
  db: Queryable,
  actor: Actor,
  filter: {
    orgPath?: string;
    meetingId?: number;
    status?: RectificationQuery["status"];
    ownerId?: number;
    after?: string;
    limit: number;
  },
): Promise<{ items: RectificationRow[]; nextCursor: string | null }> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (filter.ownerId !== undefined) {
    // "Mine": the owner's own items, whatever their org scope says.
    params.push(filter.ownerId);
    where.push(`x.owner_member_id = $${params.length}`);
  } else {
    where.push(readScope(actor, "x.org_path", params));
  }
  if (filter.orgPath) {
    params.push(filter.orgPath);
    where.push(`x.org_path <@ $${params.length}::ltree`);
  }
  if (filter.meetingId !== undefined) {
    params.push(filter.meetingId);
    where.push(`x.meeting_id = $${params.length}`);
  }
  if (filter.status === "done") where.push("x.status = 'done'");
  if (filter.status === "closed") where.push("x.status = 'closed'");
  if (filter.status === "open") where.push("x.status = 'open'");
  if (filter.status === "overdue") where.push("x.status = 'open' AND x.due_on < cn_today()");
  const after = keysetAfter(RECTIFICATION_ORDER, filter.after, params);
  if (after) where.push(after);
  params.push(filter.limit + 1);
  const result = await db.query<RectificationRow & { keysetCursor: unknown[] }>(
    `${SELECT.replace("SELECT ", `SELECT ${keysetSelect(RECTIFICATION_ORDER)}, `)}
      WHERE ${where.join(" AND ")}
      ORDER BY ${keysetOrder(RECTIFICATION_ORDER)} LIMIT $${params.length}`,
    params,
  );
  return keysetPage(result.rows, filter.limit);
}

/**
 * Items of a subtree still in hand, counted in SQL: open, overdue, due by `soon`, and reported
 * done but not yet reviewed (待销号).
 */
export async function countOpenRectifications(
  db: Queryable,
  actor: Actor,
  orgPath: string,
  soon: string,
): Promise<{ open: number; overdue: number; dueSoon: number; toClose: number }> {
  const params: unknown[] = [];
  const scope = readScope(actor, "x.org_path", params);
  params.push(orgPath, soon);
  const result = await db.query<{
    open: number;
    overdue: number;
    dueSoon: number;
    toClose: number;
  }>(
    `SELECT count(*) FILTER (WHERE x.status = 'open')::int AS open,
            count(*) FILTER (WHERE x.status = 'open' AND x.due_on < cn_today())::int AS overdue,
            count(*) FILTER (WHERE x.status = 'open' AND x.due_on >= cn_today()
                               AND x.due_on <= $${params.length}::date)::int AS "dueSoon",
            count(*) FILTER (WHERE x.status = 'done')::int AS "toClose"
       FROM rectification_items x
      WHERE ${scope} AND x.status IN ('open', 'done') AND x.org_path <@ $${params.length - 1}::ltree`,
    params,
  );
  return result.rows[0] ?? { open: 0, overdue: 0, dueSoon: 0, toClose: 0 };
}

/**
 * An item the caller reaches, held for a change: in their `scope` (manage, or manage or
 * oversee), or, with `owner`, one they own whatever their scope.
 */
export async function findRectification(
  db: Queryable,
  actor: Actor,
  id: number,
  reach: { scope: "manage" | "read"; owner: boolean },
): Promise<RectificationRow | null> {
  const params: unknown[] = [id];
  const where = reachClause(
    actor,
    reach.scope,
    "x.org_path",
    params,
    reach.owner ? (m) => `x.owner_member_id = ${m}` : undefined,
  );
  const result = await db.query<RectificationRow>(
    `${SELECT} WHERE x.id = $1 AND ${where} FOR UPDATE OF x`,
    params,
  );
  return result.rows[0] ?? null;
}

export async function updateRectification(
  tx: Queryable,
  id: number,
  changes: UpdateRectificationBody & { ownerName?: string },
) {
  await tx.query(
    `UPDATE rectification_items SET owner_member_id = coalesce($2, owner_member_id),
            owner_name = coalesce($5, owner_name),
            measure = coalesce($3, measure), due_on = coalesce($4, due_on)
      WHERE id = $1`,
    [
      id,
      changes.ownerMemberId ?? null,
      changes.measure ?? null,
      changes.dueOn ?? null,
      changes.ownerName ?? null,
    ],
  );
}

export async function completeRectification(tx: Queryable, id: number, evidence: string) {
  await tx.query(
    "UPDATE rectification_items SET status = 'done', evidence = $2, done_at = now() WHERE id = $1",
    [id, evidence],
  );
}

/** An item the secretary records by hand: from 相互批评, a higher committee or elsewhere. */
export async function insertRectification(
  tx: Queryable,
  x: {
    source: "criticism" | "higher_feedback" | "other";
    meetingId: number | null;
    orgId: number;
    orgPath: string;
    owner: { id: number; name: string };
    problem: string;
    measure: string;
    dueOn: string;
    userId: number;
  },
): Promise<number> {
  const result = await tx.query<{ id: string }>(
    `INSERT INTO rectification_items (source, meeting_id, org_id, org_path, owner_member_id,
       owner_name, problem, measure, due_on, created_by)
     VALUES ($1, $2, $3, $4::ltree, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      x.source,
      x.meetingId,
      x.orgId,
      x.orgPath,
      x.owner.id,
      x.owner.name,
      x.problem,
      x.measure,
      x.dueOn,
      x.userId,
    ],
  );
  return Number(result.rows[0]?.id);
}

/** 销号: the secretary has checked a done item and closes it for good. */
export async function closeRectification(
  tx: Queryable,
  id: number,
  comment: string | null,
  userId: number,
) {
  await tx.query(
    `UPDATE rectification_items SET status = 'closed', closed_at = now(), closed_by = $3,
            review_comment = $2 WHERE id = $1`,
    [id, comment, userId],
  );
}

/** 退回: back to its owner with the reason, keeping their note; reminders start afresh. */
export async function returnRectification(tx: Queryable, id: number, comment: string) {
  await tx.query(
    `UPDATE rectification_items SET status = 'open', done_at = NULL, review_comment = $2,
            reminded_on = NULL WHERE id = $1`,
    [id, comment],
  );
}

export async function insertEvidenceFile(
  tx: Queryable,
  f: {
    rectificationId: number;
    orgPath: string;
    sha256: string;
    fileName: string;
    mime: string;
    size: number;
    userId: number;
  },
): Promise<number> {
  const result = await tx.query<{ id: string }>(
    `INSERT INTO rectification_evidence_files
       (rectification_id, org_path, sha256, file_name, mime, size_bytes, uploaded_by)
     VALUES ($1, $2::ltree, $3, $4, $5, $6, $7) RETURNING id`,
    [f.rectificationId, f.orgPath, f.sha256, f.fileName, f.mime, f.size, f.userId],
  );
  return Number(result.rows[0]?.id);
}

export async function findEvidenceFile(db: Queryable, rectificationId: number, fileId: number) {
  const result = await db.query<{ sha256: string; fileName: string; mime: string }>(
    `SELECT sha256, file_name AS "fileName", mime FROM rectification_evidence_files
      WHERE id = $2 AND rectification_id = $1`,
    [rectificationId, fileId],
  );
  return result.rows[0] ?? null;
}

/** Open items past due that were not reminded today, taken so two runs never both remind. */
export async function takeOverdueForReminder(tx: Queryable) {
  const result = await tx.query<{
    id: number;
    ownerId: number;
    createdBy: number | null;
    orgPath: string;
    meetingOrgPath: string;
    problem: string;
    dueOn: string;
  }>(
    `UPDATE rectification_items x SET reminded_on = cn_today()
      WHERE x.status = 'open' AND x.due_on < cn_today()
        AND x.reminded_on IS DISTINCT FROM cn_today()
     RETURNING x.id, x.owner_member_id AS "ownerId",
               coalesce((SELECT m.created_by FROM review_meetings m WHERE m.id = x.meeting_id),
                        x.created_by) AS "createdBy",
               x.org_path::text AS "orgPath",
               coalesce((SELECT m.org_path FROM review_meetings m WHERE m.id = x.meeting_id),
                        x.org_path)::text AS "meetingOrgPath",
               x.problem, x.due_on AS "dueOn"`,
  );
  return result.rows;
}
