import { existsSync } from "node:fs";
import { appendFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { type CryptoSuite, suiteLabel } from "../crypto-suite.ts";
import type { ChainHead } from "./chain.ts";
import {
  type CheckpointSigner,
  type CheckpointVerifier,
  newSigningKeyPem,
  openSigner,
} from "./signer.ts";

/** One signed statement: at `at`, the chain's row `seq` had hash `hash`. */
export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
  /** Line number in the file, so a report can point at it. */
  line: number;
}

export interface CheckpointRead {
  checkpoints: Checkpoint[];
  /** Lines that are not a checkpoint signed by this key: each one is evidence of tampering. */
  problems: string[];
}

const HEADER_KIND = "wanggui-audit-checkpoints";

function message(seq: number, hash: string, at: string): Buffer {
  return Buffer.from(`wanggui-audit-checkpoint:v1\n${seq}\n${hash}\n${at}`, "utf8");
}

/**
 * The audit chain's anchor outside the database: a key the database never sees (Ed25519, or
 * SM2 in the SM suite), and an append-only file of checkpoints it signs. A superuser who
 * rewrites the chain with a consistent head, or empties the log, cannot produce matching
 * checkpoints without this key.
 */
export class CheckpointLog {
  readonly keyId: string;
  private lastSeq: number;

  constructor(
    readonly file: string,
    private readonly signer: CheckpointSigner,
    lastSeq: number,
  ) {
    this.keyId = signer.keyId;
    this.lastSeq = lastSeq;
  }

  get suite(): CryptoSuite {
    return this.signer.suite;
  }

  /** Signs the head if it moved since the last checkpoint this process knows of. */
  async record(head: ChainHead | null, now = new Date()): Promise<boolean> {
    if (!head || head.seq <= this.lastSeq) return false;
    const at = now.toISOString();
    const sig = this.signer.sign(message(head.seq, head.hash, at)).toString("base64");
    await appendFile(
      this.file,
      `${JSON.stringify({ seq: head.seq, hash: head.hash, at, sig })}\n`,
      "utf8",
    );
    this.lastSeq = head.seq;
    return true;
  }

  async read(): Promise<CheckpointRead> {
    return readCheckpoints(this.file, this.signer);
  }
}

export async function readCheckpoints(
  file: string,
  key: CheckpointVerifier,
): Promise<CheckpointRead> {
  const problems: string[] = [];
  const checkpoints: Checkpoint[] = [];
  if (!existsSync(file))
    return { checkpoints, problems: [`检查点文件 ${file} 不存在（已被删除）`] };
  const lines = (await readFile(file, "utf8")).split("\n");
  const header = parseJson(lines[0] ?? "");
  if (header?.kind !== HEADER_KIND || header.key !== key.keyId) {
    problems.push(`检查点文件 ${file} 的首行不是本签名密钥的文件头（文件被替换或清空）`);
  }
  lines.slice(1).forEach((text, index) => {
    const line = index + 2;
    if (text.trim() === "") return;
    const entry = parseJson(text);
    const seq = entry?.seq;
    const { hash, at, sig } = entry ?? {};
    if (
      typeof seq !== "number" ||
      typeof hash !== "string" ||
      typeof at !== "string" ||
      typeof sig !== "string" ||
      !key.verify(message(seq, hash, at), Buffer.from(sig, "base64"))
    ) {
      problems.push(`检查点文件 ${file} 第 ${line} 行签名无效（检查点被篡改）`);
      return;
    }
    checkpoints.push({ seq, hash, at, line });
  });
  checkpoints.sort((a, b) => a.seq - b.seq);
  return { checkpoints, problems };
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Opens the signing key and its checkpoint file, creating both on first use. One without
 * the other means something was lost or removed: refuse, naming the file and the fix,
 * rather than start a fresh anchor that would bless whatever the database now holds.
 */
export async function openCheckpointLog(
  keyFile: string,
  file: string,
  suite: CryptoSuite = "default",
  /** False for `key rotate`, which runs while the operator moves between suites. */
  strict = true,
): Promise<CheckpointLog> {
  const hasKey = existsSync(keyFile);
  const hasFile = existsSync(file);
  if (!hasKey && hasFile) {
    throw new Error(
      `审计签名密钥 ${keyFile} 缺失，而检查点文件 ${file} 已存在：请从备份恢复该密钥（或用 WANGGUI_AUDIT_SIGNING_KEY 指向它）后再启动。`,
    );
  }
  if (hasKey && !hasFile) {
    throw new Error(
      `审计检查点文件 ${file} 缺失，而签名密钥 ${keyFile} 存在：请从备份恢复该文件（或用 WANGGUI_AUDIT_CHECKPOINTS 指向它）后再启动。`,
    );
  }
  if (!hasKey) {
    const pem = newSigningKeyPem(suite);
    const fresh = openSigner(pem);
    if (!fresh) throw new Error(`could not make a ${suite} audit signing key`);
    await mkdir(path.dirname(keyFile), { recursive: true });
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(keyFile, pem, { mode: 0o600, flag: "wx" });
    const header = {
      kind: HEADER_KIND,
      alg: suite === "sm" ? "sm2" : "ed25519",
      key: fresh.keyId,
      publicKey: fresh.publicDer.toString("base64"),
      created: new Date().toISOString(),
    };
    await writeFile(file, `${JSON.stringify(header)}\n`, { mode: 0o600, flag: "wx" });
  }
  const signer = openSigner(await readFile(keyFile, "utf8"));
  if (!signer) {
    throw new Error(`审计签名密钥 ${keyFile} 不是 Ed25519 或 SM2 私钥：请从备份恢复原密钥文件。`);
  }
  const keySuite = signer.suite;
  if (strict && keySuite !== suite) {
    throw new Error(
      `配置为${suiteLabel[suite]}（WANGGUI_CRYPTO_SUITE=${suite}），而审计签名密钥 ${keyFile} 属于${suiteLabel[keySuite]}：先运行 wanggui audit verify，再把该密钥与检查点文件 ${file} 一同移到别处保管（它们仍证明到此为止的审计链），然后启动以生成新套件的密钥与检查点文件；或改回 WANGGUI_CRYPTO_SUITE=${keySuite}。`,
    );
  }
  const log = new CheckpointLog(file, signer, 0);
  const { checkpoints, problems } = await log.read();
  if (problems.some((p) => p.includes("首行"))) {
    throw new Error(
      `审计检查点文件 ${file} 不属于签名密钥 ${keyFile}：请从备份恢复与该密钥配套的检查点文件。`,
    );
  }
  return new CheckpointLog(file, signer, checkpoints.at(-1)?.seq ?? 0);
}
