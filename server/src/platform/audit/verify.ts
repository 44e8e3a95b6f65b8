import type { Db } from "../db/pool.ts";
import { GENESIS, HASHED_COLUMNS, type HashedRow, hashRow } from "./chain.ts";

export type VerifyResult =
  | { ok: true; rows: number; unsealed: number }
  | { ok: false; rows: number; brokenAt: { chainSeq: number; id: number | null }; reason: string };

interface ChainRow extends HashedRow {
  chain_seq: number;
  prev_hash: string;
  hash: string;
}

/**
 * Walks the sealed chain in order and recomputes every hash. A changed row fails its own
 * hash; a deleted row leaves a gap in chain_seq; a deleted tail no longer reaches the head.
 */
export async function verifyChain(db: Db, pageSize = 10000): Promise<VerifyResult> {
  let expectedSeq = 1;
  let prev = GENESIS;
  let checked = 0;
  for (;;) {
    const page = await db.query<ChainRow>(
      `SELECT ${HASHED_COLUMNS}, chain_seq, prev_hash, hash FROM audit_events
        WHERE chain_seq >= $1 ORDER BY chain_seq LIMIT $2`,
      [expectedSeq, pageSize],
    );
    for (const row of page.rows) {
      if (row.chain_seq !== expectedSeq) {
        return broken(checked, expectedSeq, null, `第 ${expectedSeq} 条记录缺失（已被删除）`);
      }
      if (row.prev_hash !== prev || hashRow(prev, row) !== row.hash) {
        return broken(
          checked,
          row.chain_seq,
          row.id,
          `第 ${row.chain_seq} 条记录（id ${row.id}）内容与哈希不符（已被篡改）`,
        );
      }
      prev = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (page.rows.length < pageSize) break;
  }
  const head = await db.query<{ chain_seq: number; hash: string }>(
    "SELECT chain_seq, hash FROM audit_chain_head",
  );
  const headSeq = head.rows[0]?.chain_seq ?? 0;
  if (headSeq !== checked || (head.rows[0] && head.rows[0].hash !== prev)) {
    return broken(
      checked,
      checked + 1,
      null,
      `链尾与链头不一致：链头记录到第 ${headSeq} 条，实际只有 ${checked} 条`,
    );
  }
  const unsealed = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM audit_events WHERE chain_seq IS NULL",
  );
  return { ok: true, rows: checked, unsealed: unsealed.rows[0]?.n ?? 0 };
}

function broken(rows: number, chainSeq: number, id: number | null, reason: string): VerifyResult {
  return { ok: false, rows, brokenAt: { chainSeq, id }, reason };
}
