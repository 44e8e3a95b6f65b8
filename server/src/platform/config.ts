import { isIP } from "node:net";
import path from "node:path";
import { type CryptoSuite, parseCryptoSuite } from "./crypto-suite.ts";
import { LOG_LEVELS, type LogLevel } from "./logging.ts";

export interface Config {
  /** When unset, an embedded PostgreSQL is started in dataDir. */
  databaseUrl: string | undefined;
  /** The schema owner's login for migrations; the server itself connects as DATABASE_URL. */
  databaseOwnerUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  /** Where the key that encrypts sensitive fields lives; never in the database. */
  keyFile: string;
  /** The Ed25519 key that signs audit checkpoints; the database never sees it. */
  auditSigningKeyFile: string;
  /** Signed checkpoints of the audit chain, outside PostgreSQL's data directory. */
  auditCheckpointFile: string;
  /** Algorithms for fields, the audit chain and checkpoints (WANGGUI_CRYPTO_SUITE). */
  cryptoSuite: CryptoSuite;
  webDist: string;
  logLevel: LogLevel;
  /**
   * Which proxies' X-Forwarded-For / X-Forwarded-Proto to believe: false (none, the default),
   * a hop count, or their addresses. Client addresses in the audit log and the session cookie's
   * Secure flag behind a TLS-terminating proxy depend on it.
   */
  trustProxy: boolean | number | string[];
  /**
   * Where a ClamAV daemon listens, a unix socket path or tcp://host:port; uploads are scanned
   * there before they are stored. Unset: no virus scan (the default; see virus-scan.ts).
   */
  clamdSocket: string | undefined;
}

const repoRoot = path.resolve(import.meta.dirname, "../../..");

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.WANGGUI_DATA_DIR ?? path.join(repoRoot, ".wanggui"));
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${env.PORT}"`);
  }
  const keyFile = path.resolve(env.WANGGUI_KEY_FILE ?? path.join(dataDir, "field.key"));
  const keyDir = path.dirname(keyFile);
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    databaseOwnerUrl: env.DATABASE_OWNER_URL || undefined,
    dataDir,
    host: env.HOST ?? "127.0.0.1",
    port,
    keyFile,
    auditSigningKeyFile: path.resolve(
      env.WANGGUI_AUDIT_SIGNING_KEY ?? path.join(keyDir, "audit-signing.key"),
    ),
    auditCheckpointFile: path.resolve(
      env.WANGGUI_AUDIT_CHECKPOINTS ?? path.join(keyDir, "audit-checkpoints.jsonl"),
    ),
    cryptoSuite: parseCryptoSuite(env.WANGGUI_CRYPTO_SUITE),
    webDist: path.join(repoRoot, "web", "dist"),
    logLevel: parseLogLevel(env.WANGGUI_LOG_LEVEL),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    clamdSocket: parseClamdSocket(env.WANGGUI_CLAMD_SOCKET),
  };
}

function parseLogLevel(value: string | undefined): LogLevel {
  if (value === undefined || value === "") return "info";
  if ((LOG_LEVELS as readonly string[]).includes(value)) return value as LogLevel;
  throw new Error(`WANGGUI_LOG_LEVEL 须为 ${LOG_LEVELS.join("、")} 之一，收到 "${value}"`);
}

/** WANGGUI_CLAMD_SOCKET: an absolute unix socket path, or tcp://host:port. */
function parseClamdSocket(value: string | undefined): string | undefined {
  const text = value?.trim() ?? "";
  if (text === "") return undefined;
  if (path.isAbsolute(text) || /^tcp:\/\/[^/:]+:\d{1,5}$/.test(text)) return text;
  throw new Error(
    `WANGGUI_CLAMD_SOCKET 须为 clamd 的 unix 套接字绝对路径或 tcp://主机:端口，收到 "${text}"`,
  );
}

/** TRUST_PROXY: unset or false, true, a hop count, or a comma list of addresses or CIDRs. */
export function parseTrustProxy(value: string | undefined): boolean | number | string[] {
  const text = value?.trim() ?? "";
  if (text === "" || text === "false" || text === "0") return false;
  if (text === "true") return true;
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(",").map((entry) => entry.trim());
  for (const entry of entries) {
    const [address, bits, ...rest] = entry.split("/");
    const family = isIP(address ?? "");
    const maxBits = family === 6 ? 128 : 32;
    const validBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= maxBits);
    if (family === 0 || !validBits || rest.length > 0) {
      throw new Error(
        `TRUST_PROXY 须为 true、代理层数或以逗号分隔的 IP 地址/网段（如 10.0.0.0/8），收到 "${entry}"`,
      );
    }
  }
  return entries;
}

export { repoRoot };
