import { existsSync } from "node:fs";
import { FieldCipher, type FieldKeySpec, loadFieldCipher, readKeyFile } from "./crypto.ts";
import { type CryptoSuite, suiteLabel } from "./crypto-suite.ts";
import type { Queryable } from "./db/pool.ts";
import { Conflict } from "./errors.ts";

const CHECK_KEY = "field_key_check";
export const ROTATION_KEY = "field_key_rotation";

/** A rotation in progress: the check values of the key being retired and of its successor. */
export interface RotationState {
  from: string;
  to: string;
}

/** Where `wanggui key rotate` writes the next key, beside the current one. */
export const nextKeyFile = (keyFile: string) => `${keyFile}.next`;
/** Where a retired key is kept until the operator has backed it up and removed it. */
export const retiredKeyFile = (keyFile: string, checkValue: string) =>
  `${keyFile}.retired-${checkValue}`;

function source(keyFile: string, env: NodeJS.ProcessEnv) {
  return env.WANGGUI_FIELD_KEY
    ? "环境变量 WANGGUI_FIELD_KEY 中的字段加密密钥"
    : `字段加密密钥 ${keyFile}`;
}

export async function readRotation(db: Queryable): Promise<RotationState | null> {
  const r = await db.query<{ value: RotationState }>(
    "SELECT value FROM system_state WHERE key = $1",
    [ROTATION_KEY],
  );
  return r.rows[0]?.value ?? null;
}

export async function storedCheckValue(db: Queryable): Promise<string | undefined> {
  const stored = await db.query<{ value: string }>(
    "SELECT value #>> '{}' AS value FROM system_state WHERE key = $1",
    [CHECK_KEY],
  );
  return stored.rows[0]?.value;
}

export async function storeCheckValue(db: Queryable, value: string) {
  await db.query(
    `INSERT INTO system_state (key, value) VALUES ($1, to_jsonb($2::text))
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [CHECK_KEY, value],
  );
}

/** The advisory lock that long sealing transactions share and a rotation's last pass takes alone. */
export const SEALING_GATE = 4242301;

/**
 * For a transaction that seals many values with a key ring read before it began (a roster
 * import on its worker, ADR 0033). It holds off the end of a key rotation until it commits, so
 * the rotation's last pass moves whatever it sealed under the key being retired. It also
 * refuses a ring that a rotation has finished with since, whose active key nothing reads any
 * more. Call it first in the transaction.
 */
export async function holdKeyRotation(tx: Queryable, cipher: FieldCipher) {
  await tx.query("SELECT pg_advisory_xact_lock_shared($1)", [SEALING_GATE]);
  const stored = await storedCheckValue(tx);
  const active = cipher.checkValue();
  if (stored === undefined || active === stored || active === (await readRotation(tx))?.to) return;
  throw new Conflict(
    {
      "zh-CN": "字段加密密钥刚刚完成轮换，本次导入未写入任何记录，请重新导入",
      "en-US": "The field key was rotated just now; nothing was written. Import again",
    },
    "file",
    "field_key_rotated",
  );
}

/**
 * The key files a running server reads: the next key first while a rotation has written one
 * (it writes), then the current key (it still reads).
 */
export function readKeyRing(keyFile: string): FieldKeySpec[] {
  const next = nextKeyFile(keyFile);
  return existsSync(next) ? [readKeyFile(next), readKeyFile(keyFile)] : [readKeyFile(keyFile)];
}

/**
 * Loads the field key and holds it against the check value stored at first start, so a lost
 * key file is never silently replaced by a new key, and a different key never starts writing
 * ciphertexts that nothing can read beside the old ones. While a rotation is under way the
 * next key is loaded too, and the server re-reads the key files so it follows the rotation.
 *
 * With `suite`, a key of the other suite is refused (outside a rotation, which is how one
 * suite's ciphertexts move to the other): configuring the SM suite never quietly leaves the
 * fields under AES, nor the reverse. A first start writes a key of that suite.
 */
export async function openFieldCipher(
  db: Queryable,
  keyFile: string,
  env: NodeJS.ProcessEnv = process.env,
  suite?: CryptoSuite,
): Promise<FieldCipher> {
  const expected = await storedCheckValue(db);
  const rotation = await readRotation(db);
  const encrypted = await sampleCiphertext(db);
  if ((expected || encrypted) && !env.WANGGUI_FIELD_KEY && !existsSync(keyFile)) {
    throw new Error(
      `字段加密密钥 ${keyFile} 不存在，而数据库中已有用它加密的数据：请从备份恢复该文件（或用 WANGGUI_KEY_FILE / WANGGUI_FIELD_KEY 指向它）；不要生成新密钥。`,
    );
  }
  if (rotation && env.WANGGUI_FIELD_KEY) {
    throw new Error(
      "字段加密密钥正在轮换，而密钥由环境变量 WANGGUI_FIELD_KEY 提供：请改用密钥文件（WANGGUI_KEY_FILE）后再运行 wanggui key rotate 完成轮换。",
    );
  }
  const cipher = await loadFieldCipher(keyFile, env, suite);
  const current = cipher.checkValue();
  const accepted = new Set([expected, rotation?.from, rotation?.to].filter(Boolean));
  if (expected && !accepted.has(current)) {
    throw new Error(
      `${source(keyFile, env)}与数据库记录的校验值不符（应为 ${expected}，实为 ${current}）：请换回原来的密钥文件。`,
    );
  }
  if (rotation && !env.WANGGUI_FIELD_KEY) {
    const next = nextKeyFile(keyFile);
    if (existsSync(next)) {
      const ring = new FieldCipher(readKeyFile(next), readKeyFile(keyFile));
      if (ring.checkValue() !== rotation.to) {
        throw new Error(
          `轮换中的下一把字段加密密钥 ${next} 与数据库记录的校验值不符（应为 ${rotation.to}，实为 ${ring.checkValue()}）：请换回轮换开始时写下的文件。`,
        );
      }
      refuseOtherSuite(ring, suite, keyFile, env);
      ring.reloadFrom(() => readKeyRing(keyFile));
      return ring;
    }
    if (current !== rotation.to) {
      throw new Error(
        `字段加密密钥正在轮换，下一把密钥 ${next} 不存在，部分字段已用它加密：请从备份恢复该文件后再运行 wanggui key rotate。`,
      );
    }
  }
  if (!expected) {
    if (encrypted && !canDecrypt(cipher, encrypted)) {
      throw new Error(
        `${source(keyFile, env)}解不开数据库中已有的加密字段：请换回原来的密钥文件。`,
      );
    }
    await db.query(
      "INSERT INTO system_state (key, value) VALUES ($1, to_jsonb($2::text)) ON CONFLICT (key) DO NOTHING",
      [CHECK_KEY, current],
    );
  }
  refuseOtherSuite(cipher, suite, keyFile, env);
  if (!env.WANGGUI_FIELD_KEY) cipher.reloadFrom(() => readKeyRing(keyFile));
  return cipher;
}

function refuseOtherSuite(
  cipher: FieldCipher,
  suite: CryptoSuite | undefined,
  keyFile: string,
  env: NodeJS.ProcessEnv,
) {
  const actual = cipher.activeSuite();
  if (!suite || actual === suite) return;
  throw new Error(
    `配置为${suiteLabel[suite]}（WANGGUI_CRYPTO_SUITE=${suite}），而${source(keyFile, env)} 属于${suiteLabel[actual]}：请以同一配置运行 wanggui key rotate，把全部加密字段转到该套件的新密钥后再启动；或改回 WANGGUI_CRYPTO_SUITE=${actual}。`,
  );
}

/** Any one field encrypted before check values were kept, to test a key against. */
async function sampleCiphertext(db: Queryable): Promise<Buffer | null> {
  const row = await db.query<{ enc: Buffer }>("SELECT id_number_enc AS enc FROM members LIMIT 1");
  return row.rows[0]?.enc ?? null;
}

function canDecrypt(cipher: FieldCipher, sealed: Buffer): boolean {
  try {
    cipher.decrypt(sealed);
    return true;
  } catch {
    return false;
  }
}
