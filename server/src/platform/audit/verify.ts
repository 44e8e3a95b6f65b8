import type { Db, Queryable } from "../db/pool.ts";
import { GENESIS, HASHED_COLUMNS, type HashedRow, hashRow } from "./chain.ts";
import type { Checkpoint, CheckpointRead } from "./checkpoints.ts";

export type VerifyResult =
  | { ok: true; rows: number; unsealed: number; checkpoints: number | null }
  | {
      ok: false;
      rows: number;
      brokenAt: { chainSeq: number; id: number | null };
      reason: string;
      checkpoints: number | null;
    };

interface ChainRow extends HashedRow {
  chain_seq: number;
  prev_hash: string;
  hash: string;
  hash_alg: number | null;
}

/**
 * Walks the sealed chain in order and recomputes every hash, then holds it against the
 * signed checkpoints kept outside the database. A changed row fails its own hash; a deleted
 * row leaves a gap; a deleted tail no longer reaches the head; a chain rewritten with a
 * consistent head, or an emptied log, no longer matches what was signed.
 *
 * Pass the checkpoints read *before* calling: every checkpoint in the file was written after
 * its seal committed, so all of them are visible to the snapshot taken here.
 */
export async function verifyChain(
  db: Db,
  anchor: CheckpointRead | null = null,
  pageSize = 10000,
): Promise<VerifyResult> {
  const client = await db.connect();
  try {
    // One snapshot for rows, head and count, so a seal running meanwhile is not an alarm.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const result = await walk(client, anchor, pageSize);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function walk(
  db: Queryable,
  anchor: CheckpointRead | null,
  pageSize: number,
): Promise<VerifyResult> {
  const counted = anchor ? anchor.checkpoints.length : null;
  const broken = (rows: number, chainSeq: number, id: number | null, reason: string) =>
    ({ ok: false, rows, brokenAt: { chainSeq, id }, reason, checkpoints: counted }) as const;
  if (anchor?.problems[0]) return broken(0, 0, null, anchor.problems[0]);
  const signed = new Map<number, Checkpoint>(anchor?.checkpoints.map((c) => [c.seq, c]) ?? []);
  let lastMatched: Checkpoint | null = null;
  let expectedSeq = 1;
  let prev = GENESIS;
  let checked = 0;
  for (;;) {
    const page = await db.query<ChainRow>(
      `SELECT ${HASHED_COLUMNS}, chain_seq, prev_hash, hash, hash_alg FROM audit_events
        WHERE chain_seq >= $1 ORDER BY chain_seq LIMIT $2`,
      [expectedSeq, pageSize],
    );
    for (const row of page.rows) {
      if (row.chain_seq !== expectedSeq) {
        return broken(checked, expectedSeq, null, `第 ${expectedSeq} 条记录缺失（已被删除）`);
      }
      if (row.prev_hash !== prev || hashRow(row.hash_alg, prev, row) !== row.hash) {
        return broken(
          checked,
          row.chain_seq,
          row.id,
          `第 ${row.chain_seq} 条记录（id ${row.id}）内容与哈希不符（已被篡改）`,
        );
      }
      const checkpoint = signed.get(row.chain_seq);
      if (checkpoint && checkpoint.hash !== row.hash) {
        const from = (lastMatched?.seq ?? 0) + 1;
        return broken(
          checked,
          row.chain_seq,
          row.id,
          `哈希链已被整体改写：第 ${row.chain_seq} 条记录与 ${checkpoint.at} 签名的检查点不符，第 ${from}–${row.chain_seq} 条之间的记录在签名后被修改并重新计算了哈希`,
        );
      }
      if (checkpoint) lastMatched = checkpoint;
      prev = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (page.rows.length < pageSize) break;
  }
  const latest = anchor?.checkpoints.at(-1);
  if (latest && latest.seq > checked) {
    return broken(
      checked,
      checked + 1,
      null,
      checked === 0
        ? `审计日志已被清空：${latest.at} 签名的检查点记录到第 ${latest.seq} 条，数据库中已没有任何已封存的记录`
        : `审计日志被截断：${latest.at} 签名的检查点记录到第 ${latest.seq} 条，数据库中只有 ${checked} 条`,
    );
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
  return { ok: true, rows: checked, unsealed: unsealed.rows[0]?.n ?? 0, checkpoints: counted };
}
