import type { CryptoSuite } from "../crypto-suite.ts";
import { type Db, type Queryable, withTx } from "../db/pool.ts";
import { SHA256_HASH_ALG, SM3_HASH_ALG } from "./chain.ts";
import { cliActor, recordAudit } from "./record.ts";

/**
 * Sets the hash the database's sealer chains new rows with, as the owner (the application's
 * login may only read the setting). A change is an audit row of its own, sealed under the
 * new one once committed, so the log says where and why its algorithm changed. The SM suite
 * needs SM3 in the database (pgcrypto over OpenSSL): without it start-up stops with the fix.
 */
export async function applyChainHash(owner: Db, suite: CryptoSuite): Promise<boolean> {
  const wanted = suite === "sm" ? SM3_HASH_ALG : SHA256_HASH_ALG;
  if (suite === "sm") await requireSm3(owner);
  const current = await owner.query<{ hash_alg: number }>("SELECT hash_alg FROM audit_settings");
  const before = current.rows[0]?.hash_alg ?? SHA256_HASH_ALG;
  if (before === wanted) return false;
  await withTx(owner, async (tx) => {
    await tx.query("UPDATE audit_settings SET hash_alg = $1", [wanted]);
    await recordAudit(tx, cliActor, {
      action: "audit.hash_alg.change",
      entityType: "audit_chain",
      entityId: null,
      before: { hashAlg: algName(before) },
      after: { hashAlg: algName(wanted) },
    });
  });
  return true;
}

const algName = (alg: number) => (alg === SM3_HASH_ALG ? "SM3" : "SHA-256");

async function requireSm3(owner: Queryable) {
  try {
    await owner.query("SELECT public.digest('wanggui', 'sm3')");
  } catch (error) {
    throw new Error(
      `国密套件（WANGGUI_CRYPTO_SUITE=sm）需要数据库以 SM3 封存审计链，而数据库无法计算 SM3（${(error as Error).message}）：请安装 PostgreSQL 的 contrib 包，并以属主或超级用户在库中执行 CREATE EXTENSION pgcrypto。`,
    );
  }
}
