import type { Ciphertext, DecryptionShare, Proof } from "@wanggui/ballot";
import type { Queryable } from "../../../platform/db/pool.ts";
import type { Grade } from "../review.schemas.ts";

/**
 * All SQL of encrypted 民主评议 (docs/adr/0015-encrypted-ballots.md): trustees and their keys,
 * the latest sealed ballot of each voter on each member, the encrypted tallies made at close
 * and the trustees' decryption shares. Nothing here holds a grade in the clear until the
 * shares of every trustee have turned a tally into a count.
 */

export interface TrusteeRow {
  memberId: number;
  name: string;
  publicKey: string | null;
  keyProof: Proof | null;
  shared: boolean;
}

export async function replaceTrustees(
  tx: Queryable,
  roundId: number,
  trustees: { id: number; name: string }[],
) {
  await tx.query("DELETE FROM evaluation_trustees WHERE round_id = $1", [roundId]);
  await tx.query(
    `INSERT INTO evaluation_trustees (round_id, member_id, member_name)
     SELECT $1, * FROM unnest($2::bigint[], $3::text[])`,
    [roundId, trustees.map((t) => t.id), trustees.map((t) => t.name)],
  );
}

export async function listTrustees(db: Queryable, roundId: number): Promise<TrusteeRow[]> {
  const result = await db.query<TrusteeRow>(
    `SELECT member_id::int AS "memberId", member_name AS name, public_key AS "publicKey",
            key_proof AS "keyProof", shared_at IS NOT NULL AS shared
       FROM evaluation_trustees WHERE round_id = $1 ORDER BY member_id`,
    [roundId],
  );
  return result.rows;
}

/** False when this trustee had already given a key: a key is set once per round. */
export async function setTrusteeKey(
  tx: Queryable,
  roundId: number,
  memberId: number,
  publicKey: string,
  proof: Proof,
): Promise<boolean> {
  const result = await tx.query(
    `UPDATE evaluation_trustees SET public_key = $3, key_proof = $4, keyed_at = now()
      WHERE round_id = $1 AND member_id = $2 AND public_key IS NULL`,
    [roundId, memberId, publicKey, JSON.stringify(proof)],
  );
  return (result.rowCount ?? 0) > 0;
}

export async function setJointKey(tx: Queryable, roundId: number, jointKey: string) {
  await tx.query("UPDATE evaluation_rounds SET joint_key = $2 WHERE id = $1", [roundId, jointKey]);
}

/** The voter's latest ballot on the member replaces any earlier one. */
export async function upsertSealedBallot(
  tx: Queryable,
  b: { roundId: number; voterId: number; subjectId: number; ballot: string; trackingCode: string },
) {
  await tx.query(
    `INSERT INTO evaluation_sealed_ballots
            (round_id, voter_member_id, subject_member_id, ballot, tracking_code)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (round_id, voter_member_id, subject_member_id)
     DO UPDATE SET ballot = EXCLUDED.ballot, tracking_code = EXCLUDED.tracking_code`,
    [b.roundId, b.voterId, b.subjectId, b.ballot, b.trackingCode],
  );
}

export async function trackingCodeTaken(db: Queryable, code: string): Promise<boolean> {
  const result = await db.query(
    "SELECT 1 FROM evaluation_sealed_ballots WHERE tracking_code = $1",
    [code],
  );
  return (result.rowCount ?? 0) > 0;
}

/** The caller's own tracking codes by member: what they voted on, never what they voted. */
export async function myTrackingCodes(
  db: Queryable,
  roundId: number,
  voterId: number,
): Promise<Map<number, string>> {
  const result = await db.query<{ subject: number; code: string }>(
    `SELECT subject_member_id::int AS subject, tracking_code AS code
       FROM evaluation_sealed_ballots WHERE round_id = $1 AND voter_member_id = $2`,
    [roundId, voterId],
  );
  return new Map(result.rows.map((r) => [r.subject, r.code]));
}

/** The published list: every counted ballot's tracking code and member, with no voter. */
export async function publishedBallots(db: Queryable, roundId: number) {
  const result = await db.query<{ trackingCode: string; memberId: number }>(
    `SELECT tracking_code AS "trackingCode", subject_member_id::int AS "memberId"
       FROM evaluation_sealed_ballots WHERE round_id = $1 ORDER BY tracking_code`,
    [roundId],
  );
  return result.rows;
}

/** Every ballot on each member, for adding up at close: ballots only, no voter read. */
export async function ballotsBySubject(db: Queryable, roundId: number) {
  const result = await db.query<{ subject: number; ballot: string }>(
    `SELECT subject_member_id::int AS subject, ballot FROM evaluation_sealed_ballots
      WHERE round_id = $1`,
    [roundId],
  );
  const out = new Map<number, string[]>();
  for (const row of result.rows)
    out.set(row.subject, [...(out.get(row.subject) ?? []), row.ballot]);
  return out;
}

export interface TallyRow extends Ciphertext {
  memberId: number;
  grade: Grade;
  count: number | null;
}

export async function insertTallies(
  tx: Queryable,
  roundId: number,
  rows: Omit<TallyRow, "count">[],
) {
  await tx.query(
    `INSERT INTO evaluation_encrypted_tallies (round_id, subject_member_id, grade, a, b)
     SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[])`,
    [
      roundId,
      rows.map((r) => r.memberId),
      rows.map((r) => r.grade),
      rows.map((r) => r.a),
      rows.map((r) => r.b),
    ],
  );
}

export async function listTallies(db: Queryable, roundId: number): Promise<TallyRow[]> {
  const result = await db.query<TallyRow>(
    `SELECT subject_member_id::int AS "memberId", grade, a, b, count
       FROM evaluation_encrypted_tallies WHERE round_id = $1
      ORDER BY subject_member_id, array_position(
        ARRAY['excellent', 'competent', 'basically_competent', 'incompetent'], grade)`,
    [roundId],
  );
  return result.rows;
}

export async function insertShares(
  tx: Queryable,
  roundId: number,
  trusteeId: number,
  shares: { memberId: number; grade: Grade; share: DecryptionShare }[],
) {
  await tx.query(
    `INSERT INTO evaluation_decryption_shares
            (round_id, trustee_member_id, subject_member_id, grade, d, proof)
     SELECT $1, $2, * FROM unnest($3::bigint[], $4::text[], $5::text[], $6::jsonb[])`,
    [
      roundId,
      trusteeId,
      shares.map((s) => s.memberId),
      shares.map((s) => s.grade),
      shares.map((s) => s.share.d),
      shares.map((s) => JSON.stringify(s.share.proof)),
    ],
  );
  await tx.query(
    "UPDATE evaluation_trustees SET shared_at = now() WHERE round_id = $1 AND member_id = $2",
    [roundId, trusteeId],
  );
}

/** Every trustee's share of each tally, in trustee order. */
export async function sharesOf(db: Queryable, roundId: number) {
  const result = await db.query<{ memberId: number; grade: Grade; ds: string[] }>(
    `SELECT subject_member_id::int AS "memberId", grade, array_agg(d ORDER BY trustee_member_id) AS ds
       FROM evaluation_decryption_shares WHERE round_id = $1
      GROUP BY subject_member_id, grade`,
    [roundId],
  );
  return result.rows;
}

export async function setCounts(
  tx: Queryable,
  roundId: number,
  counts: { memberId: number; grade: Grade; count: number }[],
) {
  await tx.query(
    `UPDATE evaluation_encrypted_tallies t SET count = u.count
       FROM unnest($2::bigint[], $3::text[], $4::int[]) AS u(member, grade, count)
      WHERE t.round_id = $1 AND t.subject_member_id = u.member AND t.grade = u.grade`,
    [
      roundId,
      counts.map((c) => c.memberId),
      counts.map((c) => c.grade),
      counts.map((c) => c.count),
    ],
  );
  await tx.query("UPDATE evaluation_rounds SET counted_at = now() WHERE id = $1", [roundId]);
}

/** Discards a round's ballots, tallies, shares and trustee keys; returns how many ballots. */
export async function discardVoting(tx: Queryable, roundId: number): Promise<number> {
  await tx.query("DELETE FROM evaluation_decryption_shares WHERE round_id = $1", [roundId]);
  await tx.query("DELETE FROM evaluation_encrypted_tallies WHERE round_id = $1", [roundId]);
  const ballots = await tx.query("DELETE FROM evaluation_sealed_ballots WHERE round_id = $1", [
    roundId,
  ]);
  await tx.query(
    `UPDATE evaluation_trustees SET public_key = NULL, key_proof = NULL, keyed_at = NULL,
                                    shared_at = NULL
      WHERE round_id = $1`,
    [roundId],
  );
  await tx.query(
    `UPDATE evaluation_rounds SET status = 'open', closed_at = NULL, joint_key = NULL
      WHERE id = $1`,
    [roundId],
  );
  return ballots.rowCount ?? 0;
}
