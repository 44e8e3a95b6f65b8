import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { readScope } from "./review.policy.ts";
import type { Rectification, UpdateRectificationBody } from "./review.schemas.ts";

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
    `INSERT INTO rectification_items (meeting_id, self_review_id, item_seq, org_path,
       owner_member_id, problem, measure, due_on)
     SELECT $2, i.self_review_id, i.seq, $4::ltree, $3, i.article_label || '：' || i.problem,
            i.measure, $5
       FROM self_review_items i WHERE i.self_review_id = $1 AND i.answer = 'gap'
     ON CONFLICT (self_review_id, item_seq) DO UPDATE
        SET problem = EXCLUDED.problem, measure = EXCLUDED.measure
      WHERE rectification_items.status = 'open'`,
    [r.selfReviewId, r.meetingId, r.ownerId, r.orgPath, r.dueOn],
  );
}

const SELECT = `SELECT x.id, x.meeting_id AS "meetingId", m.topic AS "meetingTopic",
    json_build_object('id', x.owner_member_id,
      'name', coalesce((SELECT a.member_name FROM review_attendees a
                         WHERE a.meeting_id = x.meeting_id AND a.member_id = x.owner_member_id), '')
    ) AS owner,
    x.problem, x.measure, x.due_on AS "dueOn", x.status,
    (x.status = 'open' AND x.due_on < cn_today()) AS overdue, x.evidence,
    coalesce((SELECT json_agg(json_build_object('id', f.id, 'fileName', f.file_name,
                'mime', f.mime, 'size', f.size_bytes,
                'uploadedAt', to_char(f.uploaded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'))
                ORDER BY f.id)
                FROM rectification_evidence_files f WHERE f.rectification_id = x.id), '[]')
      AS "evidenceFiles",
    to_char(x.done_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "doneAt",
    x.org_path::text AS "orgPath"
  FROM rectification_items x JOIN review_meetings m ON m.id = x.meeting_id`;

export type RectificationRow = Omit<Rectification, "can"> & { orgPath: string };

export async function listRectifications(
  db: Queryable,
  actor: Actor,
  filter: {
    orgPath?: string;
    meetingId?: number;
    status?: "open" | "overdue" | "done";
    ownerId?: number;
  },
): Promise<RectificationRow[]> {
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
  if (filter.status === "open") where.push("x.status = 'open'");
  if (filter.status === "overdue") where.push("x.status = 'open' AND x.due_on < cn_today()");
  const result = await db.query<RectificationRow>(
    `${SELECT} WHERE ${where.join(" AND ")} ORDER BY x.status DESC, x.due_on, x.id LIMIT 1000`,
    params,
  );
  return result.rows;
}

export async function findRectification(
  db: Queryable,
  id: number,
): Promise<RectificationRow | null> {
  const result = await db.query<RectificationRow>(`${SELECT} WHERE x.id = $1 FOR UPDATE OF x`, [
    id,
  ]);
  return result.rows[0] ?? null;
}

export async function updateRectification(
  tx: Queryable,
  id: number,
  changes: UpdateRectificationBody,
) {
  await tx.query(
    `UPDATE rectification_items SET owner_member_id = coalesce($2, owner_member_id),
            measure = coalesce($3, measure), due_on = coalesce($4, due_on)
      WHERE id = $1`,
    [id, changes.ownerMemberId ?? null, changes.measure ?? null, changes.dueOn ?? null],
  );
}

export async function completeRectification(tx: Queryable, id: number, evidence: string) {
  await tx.query(
    "UPDATE rectification_items SET status = 'done', evidence = $2, done_at = now() WHERE id = $1",
    [id, evidence],
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
    meetingId: number;
    createdBy: number | null;
    orgPath: string;
    meetingOrgPath: string;
    problem: string;
    dueOn: string;
  }>(
    `UPDATE rectification_items x SET reminded_on = cn_today()
       FROM review_meetings m
      WHERE m.id = x.meeting_id AND x.status = 'open' AND x.due_on < cn_today()
        AND x.reminded_on IS DISTINCT FROM cn_today()
     RETURNING x.id, x.owner_member_id AS "ownerId", x.meeting_id AS "meetingId",
               m.created_by AS "createdBy", x.org_path::text AS "orgPath",
               m.org_path::text AS "meetingOrgPath", x.problem,
               x.due_on AS "dueOn"`,
  );
  return result.rows;
}
