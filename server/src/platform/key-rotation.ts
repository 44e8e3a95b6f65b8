import { existsSync } from "node:fs";
import { chmod, copyFile, rename, writeFile } from "node:fs/promises";
import { type AuditActor, recordAudit } from "./audit/record.ts";
import { FieldCipher, newKeyText, readKeyFile } from "./crypto.ts";
import type { CryptoSuite } from "./crypto-suite.ts";
import { type Db, type Queryable, type Tx, withTx } from "./db/pool.ts";
import {
  nextKeyFile,
  ROTATION_KEY,
  type RotationState,
  readRotation,
  retiredKeyFile,
  SEALING_GATE,
  storeCheckValue,
  storedCheckValue,
} from "./field-key.ts";

/**
 * One kind of encrypted data a rotation moves to the next key. Modules describe their own
 * (the composition root collects them), so the platform never names a module's tables.
 */
export interface RotationStep {
  name: string;
  /** Moves what is still under a retiring key, batch by batch, each batch committed. */
  run(db: Db, cipher: FieldCipher, batch: number): Promise<number>;
  /** How many values still need the retiring key; null when it cannot be counted cheaply. */
  remaining(db: Queryable, cipher: FieldCipher): Promise<number | null>;
}

export interface EncryptedColumns {
  table: string;
  /** The primary key, a bigint the batches walk in order. */
  id: string;
  columns: string[];
  /** Columns computed from the plaintexts under the active key (a lookup digest). */
  derive?: (plain: (string | null)[], cipher: FieldCipher) => Record<string, string | null>;
  /** A session setting the table's guard wants before it lets the rotation write. */
  setting?: string;
}

const PREFIX_BYTES = 7;

/** A step that re-encrypts whole rows of one table whose columns are not all under the active key. */
export function reencryptColumns(spec: EncryptedColumns): RotationStep {
  const stale = spec.columns
    .map((c) => `(${c} IS NOT NULL AND substring(${c} FROM 1 FOR ${PREFIX_BYTES}) <> $1::bytea)`)
    .join(" OR ");
  return {
    name: `${spec.table} (${spec.columns.join(", ")})`,
    async run(db, cipher, batch) {
      let after = "0";
      let moved = 0;
      for (;;) {
        const done = await withTx(db, async (tx) => {
          if (spec.setting) await tx.query(`SELECT set_config($1, 'on', true)`, [spec.setting]);
          const rows = await tx.query<Record<string, Buffer | string | null>>(
            `SELECT ${spec.id}::text AS id, ${spec.columns.join(", ")} FROM ${spec.table}
              WHERE ${spec.id} > $2::bigint AND (${stale})
              ORDER BY ${spec.id} LIMIT $3 FOR UPDATE`,
            [cipher.activePrefix(), after, batch],
          );
          if (rows.rows.length === 0) return { n: 0, last: after };
          await writeBatch(tx, spec, cipher, rows.rows);
          return { n: rows.rows.length, last: String(rows.rows.at(-1)?.id) };
        });
        moved += done.n;
        after = done.last;
        if (done.n < batch) return moved;
      }
    },
    async remaining(db, cipher) {
      const r = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${spec.table} WHERE ${stale}`,
        [cipher.activePrefix()],
      );
      return r.rows[0]?.n ?? 0;
    },
  };
}

async function writeBatch(
  tx: Tx,
  spec: EncryptedColumns,
  cipher: FieldCipher,
  rows: Record<string, Buffer | string | null>[],
) {
  const sealed = spec.columns.map(() => [] as (Buffer | null)[]);
  const derived = new Map<string, (string | null)[]>();
  for (const row of rows) {
    const plain = spec.columns.map((c) => {
      const value = row[c] as Buffer | null;
      return value === null ? null : cipher.decrypt(value);
    });
    plain.forEach((p, i) => {
      sealed[i]?.push(p === null ? null : cipher.encrypt(p));
    });
    for (const [column, value] of Object.entries(spec.derive?.(plain, cipher) ?? {})) {
      if (!derived.has(column)) derived.set(column, []);
      derived.get(column)?.push(value);
    }
  }
  const columns = [...spec.columns, ...derived.keys()];
  const types = [...spec.columns.map(() => "bytea[]"), ...[...derived.keys()].map(() => "text[]")];
  await tx.query(
    `UPDATE ${spec.table} t SET ${columns.map((c) => `${c} = u.${c}`).join(", ")}
       FROM unnest($1::bigint[], ${types.map((type, i) => `$${i + 2}::${type}`).join(", ")})
         AS u(id, ${columns.join(", ")})
      WHERE t.${spec.id} = u.id`,
    [rows.map((r) => r.id), ...sealed, ...derived.values()],
  );
}

export interface RotationReport {
  from: string;
  to: string;
  moved: Record<string, number>;
  retiredFile: string;
}

/**
 * `wanggui key rotate`: writes the next key beside the current one, waits for running servers
 * to read it (they write under it from then on and read both), moves every encrypted value in
 * committed batches, checks nothing is left under the old key, and only then retires it.
 * Run again after a crash, it resumes where the database says it stopped.
 */
export async function rotateFieldKey(opts: {
  db: Db;
  keyFile: string;
  steps: RotationStep[];
  actor: AuditActor;
  batch?: number;
  /** The suite of the next key; a rotation is how fields move from AES to SM4 and back. */
  suite?: CryptoSuite;
  /** How long running servers get to pick up the next key (they look every second). */
  settleMs?: number;
  log?: (line: string) => void;
}): Promise<RotationReport> {
  const { db, keyFile, steps, actor } = opts;
  const log = opts.log ?? (() => {});
  const batch = opts.batch ?? 500;
  const next = nextKeyFile(keyFile);
  let rotation = await readRotation(db);
  const current = new FieldCipher(readKeyFile(keyFile));
  if (rotation && !existsSync(next)) {
    if (current.checkValue() !== rotation.to) {
      throw new Error(
        `字段加密密钥正在轮换，下一把密钥 ${next} 不存在：请从备份恢复该文件后重新运行。`,
      );
    }
    // The files were swapped before the last run stopped: only the record remains.
    await finish(db);
    return { ...rotation, moved: {}, retiredFile: retiredKeyFile(keyFile, rotation.from) };
  }
  if (!rotation) {
    const expected = await storedCheckValue(db);
    if (expected && expected !== current.checkValue()) {
      throw new Error(`字段加密密钥 ${keyFile} 与数据库记录的校验值不符：请换回原来的密钥文件。`);
    }
    await writeFile(next, newKeyText(opts.suite ?? current.activeSuite()), {
      mode: 0o600,
      flag: "wx",
    }).catch((error: NodeJS.ErrnoException) => {
      // A rotation that stopped before recording itself left its key: use that one.
      if (error.code !== "EEXIST") throw error;
    });
    const nextCipher = new FieldCipher(readKeyFile(next));
    const state: RotationState = { from: current.checkValue(), to: nextCipher.checkValue() };
    if (state.from === state.to) throw new Error(`${next} 与当前密钥相同：请删除它后重新运行。`);
    await withTx(db, async (tx) => {
      await tx.query("INSERT INTO system_state (key, value) VALUES ($1, $2::jsonb)", [
        ROTATION_KEY,
        JSON.stringify(state),
      ]);
      await recordAudit(tx, actor, {
        action: "key.rotate.start",
        entityType: "field_key",
        entityId: state.to,
        before: { checkValue: state.from, suite: current.activeSuite() },
        after: { checkValue: state.to, suite: nextCipher.activeSuite() },
      });
    });
    rotation = state;
    log(`已写下新密钥 ${next}（校验值 ${state.to}），运行中的服务将在一秒内改用它。`);
  }
  const ring = new FieldCipher(readKeyFile(next), readKeyFile(keyFile));
  if (ring.checkValue() !== rotation.to) {
    throw new Error(`${next} 与轮换开始时记录的校验值 ${rotation.to} 不符：请换回该文件。`);
  }
  await new Promise((resolve) => setTimeout(resolve, opts.settleMs ?? 2500));

  const moved: Record<string, number> = {};
  const moveAll = async () => {
    for (let pass = 1; ; pass += 1) {
      for (const step of steps) {
        const n = await step.run(db, ring, batch);
        moved[step.name] = (moved[step.name] ?? 0) + n;
        if (n > 0) log(`${step.name}：已重新加密 ${n} 项`);
      }
      let left = 0;
      for (const step of steps) left += (await step.remaining(db, ring)) ?? 0;
      if (left === 0) return;
      // A server that wrote under the old key just before it saw the new one: another pass.
      if (pass >= 5) {
        throw new Error(`仍有 ${left} 项使用旧密钥：请检查是否有服务未读取新密钥后重新运行。`);
      }
    }
  };
  await moveAll();
  // A roster import seals with the ring it read when it began and commits at its end: the
  // gate waits for those in flight, then a last pass moves what they sealed under the old key.
  const gate = await db.connect();
  try {
    await gate.query("SELECT pg_advisory_lock($1)", [SEALING_GATE]);
    await moveAll();
    return await retire(db, keyFile, rotation, moved, actor);
  } finally {
    await gate.query("SELECT pg_advisory_unlock($1)", [SEALING_GATE]).catch(() => undefined);
    gate.release();
  }
}

/** Records the new key's check value, keeps the old key as a retired file and renames the next. */
async function retire(
  db: Db,
  keyFile: string,
  rotation: RotationState,
  moved: Record<string, number>,
  actor: AuditActor,
): Promise<RotationReport> {
  const next = nextKeyFile(keyFile);
  const retiredFile = retiredKeyFile(keyFile, rotation.from);
  await withTx(db, async (tx) => {
    await storeCheckValue(tx, rotation.to);
    await recordAudit(tx, actor, {
      action: "key.rotate.finish",
      entityType: "field_key",
      entityId: rotation.to,
      before: { checkValue: rotation.from },
      after: { checkValue: rotation.to, moved },
    });
  });
  await copyFile(keyFile, retiredFile);
  await chmod(retiredFile, 0o600);
  await rename(next, keyFile);
  await finish(db);
  return { ...rotation, moved, retiredFile };
}

/** The check value already names the new key (with its audit row); the record of the run goes. */
async function finish(db: Db) {
  await db.query("DELETE FROM system_state WHERE key = $1", [ROTATION_KEY]);
}
