/**
 * Local PostgreSQL clusters for bench/replication.ts, made and dropped with the Debian
 * `pg_createcluster` tools (run as root) beside the machine's main cluster, which is never
 * touched: every call names its own clusters.
 */
import { spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { createPool, type Db } from "../../server/src/platform/db/pool.ts";

const VERSION = "15";

/** A database on a local cluster, as postgres over loopback (trust). */
export const url = (port: number, db: string) => `postgres://postgres@127.0.0.1:${port}/${db}`;

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr || r.stdout}`);
  return r.stdout;
}

function ourClusters(names: string[]): string[] {
  return run("pg_lsclusters", ["--no-header"])
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter(([version, name]) => version === VERSION && names.includes(name ?? ""))
    .map(([, name]) => name ?? "");
}

/** Stops and drops those of `names` that exist; never another cluster. */
export function dropClusters(names: string[]) {
  for (const name of ourClusters(names)) run("pg_dropcluster", [VERSION, name, "--stop"]);
}

export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** A cluster that replicates logically, reachable as postgres over loopback without a password. */
export function createCluster(name: string, port: number) {
  run("pg_createcluster", [
    VERSION,
    name,
    "--port",
    String(port),
    "--start",
    "--start-conf=manual",
    "-o",
    "wal_level=logical",
    "-o",
    "shared_buffers=64MB",
    "--",
    "--auth=trust",
  ]);
}

export async function createDatabase(port: number, name: string): Promise<Db> {
  const admin = createPool(url(port, "postgres"), 1);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return createPool(url(port, name), 4);
}

/** Stops or starts one of our clusters, as an outage of that node would. */
export function setCluster(name: string, action: "stop" | "start") {
  run("pg_ctlcluster", [VERSION, name, action]);
}
