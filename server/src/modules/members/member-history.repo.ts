import type { Queryable } from "../../platform/db/pool.ts";
import type { MemberRow } from "./members.repo.ts";

/** A member's org history: where they belonged and when, kept through transfers and archive. */

export interface HistoryRow {
  orgId: number;
  fromDate: string;
  toDate: string | null;
  reason: string | null;
}

export async function listHistory(db: Queryable, memberId: number): Promise<HistoryRow[]> {
  const result = await db.query<HistoryRow>(
    `SELECT org_id AS "orgId", from_date AS "fromDate", to_date AS "toDate", reason
       FROM member_org_history WHERE member_id = $1 ORDER BY from_date, id`,
    [memberId],
  );
  return result.rows;
}

/** The open history row (the member's current org), if the member has one. */
export async function openHistory(tx: Queryable, memberId: number): Promise<HistoryRow | null> {
  const result = await tx.query<HistoryRow>(
    `SELECT org_id AS "orgId", from_date AS "fromDate", to_date AS "toDate", reason
       FROM member_org_history WHERE member_id = $1 AND to_date IS NULL`,
    [memberId],
  );
  return result.rows[0] ?? null;
}

/**
 * Moves a member to another org: closes the open history row on `date` (writing a closed row
 * for the old org if the record had none, as imported rows may not), opens one for the new org,
 * and moves org_id and org_path.
 */
export async function transferMember(
  tx: Queryable,
  member: MemberRow,
  to: { orgId: number; orgPath: string },
  move: { date: string; reason: string; recordedBy: number },
) {
  const closed = await tx.query(
    "UPDATE member_org_history SET to_date = $2 WHERE member_id = $1 AND to_date IS NULL",
    [member.id, move.date],
  );
  if (closed.rowCount === 0) {
    await tx.query(
      `INSERT INTO member_org_history (member_id, org_id, from_date, to_date, reason, recorded_by)
       VALUES ($1, $2, $3, $4, '建档', $5)`,
      [member.id, member.orgId, member.joinedOn, move.date, move.recordedBy],
    );
  }
  await tx.query(
    `INSERT INTO member_org_history (member_id, org_id, from_date, reason, recorded_by)
     VALUES ($1, $2, $3, $4, $5)`,
    [member.id, to.orgId, move.date, move.reason, move.recordedBy],
  );
  await tx.query(
    "UPDATE members SET org_id = $2, org_path = $3::ltree, updated_at = now() WHERE id = $1",
    [member.id, to.orgId, to.orgPath],
  );
}

export async function archiveMember(tx: Queryable, id: number, reason: string, today: string) {
  await tx.query(
    "UPDATE members SET archived_at = now(), archive_reason = $2, updated_at = now() WHERE id = $1",
    [id, reason],
  );
  await tx.query(
    "UPDATE member_org_history SET to_date = $2 WHERE member_id = $1 AND to_date IS NULL",
    [id, today],
  );
}
