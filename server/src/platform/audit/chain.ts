import { createHash } from "node:crypto";
import type { Db, Queryable } from "../db/pool.ts";
import { withTx } from "../db/pool.ts";

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

export function hashRow(prevHash: string, row: HashedRow): string {
  const canonical = JSON.stringify([
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
  ]);
  return createHash("sha256").update(prevHash).update("\n").update(canonical).digest("hex");
}

const SEAL_LOCK = 4242002;

/**
 * Chains every committed, unsealed row onto the head, oldest id first. Only one sealer runs
 * at a time (advisory lock); a concurrent call returns 0 and leaves the work to the holder.
 */
export async function sealPending(db: Db, batch = 5000): Promise<number> {
  let total = 0;
  for (;;) {
    const sealed = await withTx(db, async (tx) => {
      const lock = await tx.query<{ ok: boolean }>("SELECT pg_try_advisory_xact_lock($1) AS ok", [
        SEAL_LOCK,
      ]);
      if (!lock.rows[0]?.ok) return 0;
      return sealBatch(tx, batch);
    });
    total += sealed;
    if (sealed < batch) return total;
  }
}

async function sealBatch(tx: Queryable, batch: number): Promise<number> {
  const head = await tx.query<{ chain_seq: number; hash: string }>(
    "SELECT chain_seq, hash FROM audit_chain_head",
  );
  let seq = head.rows[0]?.chain_seq ?? 0;
  let prev = head.rows[0]?.hash ?? GENESIS;
  const rows = await tx.query<HashedRow>(
    `SELECT ${HASHED_COLUMNS} FROM audit_events WHERE chain_seq IS NULL ORDER BY id LIMIT $1`,
    [batch],
  );
  if (rows.rowCount === 0) return 0;
  const ids: number[] = [];
  const seqs: number[] = [];
  const prevs: string[] = [];
  const hashes: string[] = [];
  for (const row of rows.rows) {
    seq += 1;
    const hash = hashRow(prev, row);
    ids.push(row.id);
    seqs.push(seq);
    prevs.push(prev);
    hashes.push(hash);
    prev = hash;
  }
  await tx.query(
    `UPDATE audit_events e SET chain_seq = s.seq, prev_hash = s.prev, hash = s.hash
       FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS s(id, seq, prev, hash)
      WHERE e.id = s.id`,
    [ids, seqs, prevs, hashes],
  );
  await tx.query(
    `INSERT INTO audit_chain_head (singleton, chain_seq, hash) VALUES (true, $1, $2)
     ON CONFLICT (singleton) DO UPDATE SET chain_seq = excluded.chain_seq, hash = excluded.hash`,
    [seq, prev],
  );
  return rows.rowCount ?? 0;
}
