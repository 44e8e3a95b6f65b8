import { createHash } from "node:crypto";
import type { Db } from "../db/pool.ts";

export const GENESIS = "0".repeat(64);

/** The columns a hash covers, read back as PostgreSQL renders them so the text is stable. */
export const HASHED_COLUMNS = `id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS occurred_at,
  actor_user_id, actor_label, action, entity_type, entity_id, org_path::text AS org_path,
  before::text AS before, after::text AS after, request_id, ip`;

export interface HashedRow {
  id: number;
  occurred_at: string;
  actor_user_id: number | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  org_path: string | null;
  before: string | null;
  after: string | null;
  request_id: string | null;
  ip: string | null;
}

function fields(row: HashedRow) {
  return [
    row.id,
    row.occurred_at,
    row.actor_user_id,
    row.actor_label,
    row.action,
    row.entity_type,
    row.entity_id,
    row.org_path,
    row.before,
    row.after,
    row.request_id,
    row.ip,
  ];
}

/** Format 1: rows sealed by the server before the database sealed them itself (0008). */
export function hashRowV1(prevHash: string, row: HashedRow): string {
  const canonical = JSON.stringify(fields(row));
  return createHash("sha256").update(prevHash).update("\n").update(canonical).digest("hex");
}

/**
 * Format 2, the database's `audit_row_hash`: each field as "<octets>:<text>", NULL as "~".
 * Rebuilt here from the column text so verification does not trust the database's function.
 * `hash_alg` 2 hashes these bytes with SHA-256, 3 (the SM suite) with SM3.
 */
export function hashRowV2(prevHash: string, row: HashedRow, algorithm = "sha256"): string {
  const hash = createHash(algorithm).update(prevHash).update("\n");
  for (const value of fields(row)) {
    if (value == null) {
      hash.update("~");
    } else {
      const text = String(value);
      hash.update(`${Buffer.byteLength(text, "utf8")}:`).update(text);
    }
  }
  return hash.digest("hex");
}

/** The chain algorithm the SM suite seals with: format 2's bytes under SM3. */
export const SM3_HASH_ALG = 3;
export const SHA256_HASH_ALG = 2;

export function hashRow(alg: number | null, prevHash: string, row: HashedRow): string {
  if (alg === SM3_HASH_ALG) return hashRowV2(prevHash, row, "sm3");
  return alg === SHA256_HASH_ALG ? hashRowV2(prevHash, row) : hashRowV1(prevHash, row);
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * Chains every committed, unsealed row onto the head through the database's SECURITY
 * DEFINER function, so the application's login never needs UPDATE on the log. A concurrent
 * call finds the lock taken and leaves the work to the holder.
 */
export async function sealChain(
  db: Db,
  batch = 5000,
): Promise<{ sealed: number; head: ChainHead | null }> {
  let total = 0;
  for (;;) {
    const result = await db.query<{ sealed: number; head_seq: number | null; head_hash: string }>(
      "SELECT sealed, head_seq, head_hash FROM audit_seal($1)",
      [batch],
    );
    const row = result.rows[0];
    total += row?.sealed ?? 0;
    if (!row || row.sealed < batch) {
      const head = row?.head_seq ? { seq: row.head_seq, hash: row.head_hash } : null;
      return { sealed: total, head };
    }
  }
}

/** Seals what has committed and returns how many rows it chained. */
export async function sealPending(db: Db, batch = 5000): Promise<number> {
  return (await sealChain(db, batch)).sealed;
}
