import { randomInt } from "node:crypto";
import type { Queryable } from "../../platform/db/pool.ts";
import type { Grade } from "./review.schemas.ts";

/**
 * The only SQL that writes votes. Participation (who voted on whom) and ballots (what grade
 * a member got) are written in separate tables with nothing in common but the round and
 * the member voted on; see docs/adr/0006-secret-ballots.md.
 */

/** False when the voter had already voted on this member in this round. */
export async function addParticipation(
  tx: Queryable,
  roundId: number,
  voterId: number,
  subjectId: number,
): Promise<boolean> {
  const result = await tx.query(
    `INSERT INTO evaluation_participation (round_id, voter_member_id, subject_member_id)
     VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    [roundId, voterId, subjectId],
  );
  return (result.rowCount ?? 0) > 0;
}

export async function hasParticipated(
  tx: Queryable,
  roundId: number,
  voterId: number,
  subjectId: number,
): Promise<boolean> {
  const result = await tx.query(
    `SELECT 1 FROM evaluation_participation
      WHERE round_id = $1 AND voter_member_id = $2 AND subject_member_id = $3`,
    [roundId, voterId, subjectId],
  );
  return (result.rowCount ?? 0) > 0;
}

export async function insertBallot(
  tx: Queryable,
  b: { roundId: number; subjectId: number; grade: Grade; receiptDigest: string },
) {
  await tx.query(
    `INSERT INTO evaluation_ballots (round_id, subject_member_id, grade, receipt_digest)
     VALUES ($1, $2, $3, $4)`,
    [b.roundId, b.subjectId, b.grade, b.receiptDigest],
  );
}

/** Changes the grade of the ballot this receipt belongs to; false when there is none. */
export async function regradeBallot(
  tx: Queryable,
  b: { roundId: number; subjectId: number; grade: Grade; receiptDigest: string },
): Promise<boolean> {
  const result = await tx.query(
    `UPDATE evaluation_ballots SET grade = $3
      WHERE round_id = $1 AND subject_member_id = $2 AND receipt_digest = $4`,
    [b.roundId, b.subjectId, b.grade, b.receiptDigest],
  );
  return (result.rowCount ?? 0) > 0;
}

/**
 * Rewrites every ballot on this member in a random order within the voting transaction. Rows
 * otherwise keep their insertion order on disk and the id of the transaction that wrote
 * them (`ctid`, `xmin`), and both match the participation row written beside them; after
 * the rewrite every ballot on the member carries this transaction's id and a shuffled place.
 */
export async function reshuffleBallots(tx: Queryable, roundId: number, subjectId: number) {
  const removed = await tx.query<{ id: string; grade: Grade; receipt_digest: string }>(
    `DELETE FROM evaluation_ballots WHERE round_id = $1 AND subject_member_id = $2
     RETURNING id, grade, receipt_digest`,
    [roundId, subjectId],
  );
  const rows = removed.rows;
  for (let i = rows.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [rows[i], rows[j]] = [rows[j] as (typeof rows)[number], rows[i] as (typeof rows)[number]];
  }
  await tx.query(
    `INSERT INTO evaluation_ballots (id, round_id, subject_member_id, grade, receipt_digest)
     SELECT u.id, $1, $2, u.grade, u.digest
       FROM unnest($3::uuid[], $4::text[], $5::text[]) WITH ORDINALITY AS u(id, grade, digest, n)
      ORDER BY u.n`,
    [
      roundId,
      subjectId,
      rows.map((r) => r.id),
      rows.map((r) => r.grade),
      rows.map((r) => r.receipt_digest),
    ],
  );
}

/** Returns dead row versions to free space once voting closed, so old versions with their
 * writers' transaction ids do not linger in the table files. */
export async function vacuumBallots(db: Queryable) {
  await db.query("VACUUM evaluation_ballots, evaluation_participation");
}
