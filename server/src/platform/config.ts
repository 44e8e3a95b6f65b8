import path from "node:path";

export interface Config {
  /** When unset, an embedded PostgreSQL is started in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  /** Where the key that encrypts sensitive fields lives; never in the database. */
  keyFile: string;
  webDist: string;
}

const repoRoot = path.resolve(import.meta.dirname, "../../..");

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.WANGGUI_DATA_DIR ?? path.join(repoRoot, ".wanggui"));
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${env.PORT}"`);
  }
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    host: env.HOST ?? "127.0.0.1",
    port,
    keyFile: path.resolve(env.WANGGUI_KEY_FILE ?? path.join(dataDir, "field.key")),
    webDist: path.join(repoRoot, "web", "dist"),
  };
}

export { repoRoot };
