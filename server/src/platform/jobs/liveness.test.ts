/**
 * A job locked by a worker of a server process that was killed is released as soon as another
 * process starts (or sweeps), not after graphile-worker's 4 hours; a live process's jobs are
 * never touched. The killed process is a real child process ended with SIGKILL.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/db.ts";
import { createPool, type Db } from "../db/pool.ts";
import { JobLiveness } from "./liveness.ts";
import { scheduleJob } from "./schedule.ts";

let db: Db;
let url: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  ({ db, url } = await testDatabase());
});
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
});

/** Another server process: takes its liveness lock, records a worker, prints its key. */
async function otherProcess(workerId: string) {
  const module = path.resolve(import.meta.dirname, "liveness.ts");
  const pool = path.resolve(import.meta.dirname, "../db/pool.ts");
  const script = `
    const { JobLiveness } = await import(${JSON.stringify(module)});
    const { createPool } = await import(${JSON.stringify(pool)});
    const liveness = new JobLiveness(createPool(process.env.URL, 2));
    await liveness.start(3_600_000);
    await liveness.register(process.env.WORKER);
    process.stdout.write("ready " + liveness.key + "\\n");
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    env: { ...process.env, URL: url, WORKER: workerId },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  const [line] = (await once(child.stdout as NodeJS.ReadableStream, "data")) as [Buffer];
  expect(line.toString()).toMatch(/^ready \d+/);
  return child;
}

async function lockedBy(key: string) {
  const r = await db.query<{ locked_by: string | null }>(
    "SELECT locked_by FROM graphile_worker.jobs WHERE key = $1",
    [key],
  );
  return r.rows[0]?.locked_by;
}

/** What graphile-worker leaves when a worker took a job and its process then vanished. */
async function lockAs(jobKey: string, workerId: string) {
  await scheduleJob(db, "report.acknowledge_due", { reportId: 7 }, { jobKey });
  await db.query(
    "UPDATE graphile_worker._private_jobs SET locked_by = $2, locked_at = now() WHERE key = $1",
    [jobKey, workerId],
  );
}

describe("jobs of a killed server process", () => {
  it("are left alone while their process lives, and released once it is killed", async () => {
    const child = await otherProcess("worker-城关镇-a");
    await lockAs("liveness:a", "worker-城关镇-a");

    const here = new JobLiveness(createPool(url, 2));
    await here.start(3_600_000);
    try {
      expect(await here.sweep()).toBe(0);
      expect(await lockedBy("liveness:a")).toBe("worker-城关镇-a");

      child.kill("SIGKILL");
      await once(child, "exit");
      // PostgreSQL notices the closed connection and drops the session's lock.
      let freed = 0;
      for (let i = 0; i < 50 && freed === 0; i += 1) {
        freed = await here.sweep();
        if (freed === 0) await new Promise((r) => setTimeout(r, 100));
      }
      expect(freed).toBe(1);
      expect(await lockedBy("liveness:a")).toBeNull();
      const owners = await db.query("SELECT 1 FROM job_worker_owners WHERE worker_id = $1", [
        "worker-城关镇-a",
      ]);
      expect(owners.rowCount).toBe(0);
    } finally {
      await here.stop();
    }
  });

  it("releases at start the jobs of a process that died before it", async () => {
    const child = await otherProcess("worker-东街镇-b");
    await lockAs("liveness:b", "worker-东街镇-b");
    child.kill("SIGKILL");
    await once(child, "exit");
    await new Promise((r) => setTimeout(r, 500));
    const starting = new JobLiveness(createPool(url, 2));
    await starting.start(3_600_000);
    try {
      expect(await lockedBy("liveness:b")).toBeNull();
    } finally {
      await starting.stop();
    }
  });

  it("releases soon after start the jobs of a process killed as it started", async () => {
    const child = await otherProcess("worker-西街镇-c");
    await lockAs("liveness:c", "worker-西街镇-c");
    const starting = new JobLiveness(createPool(url, 2));
    await starting.start(3_600_000);
    try {
      expect(await lockedBy("liveness:c")).toBe("worker-西街镇-c");
      // Killed after the start-up sweep found it alive: no sweep is called here, and the
      // interval is an hour, so only the follow-up sweeps can free the job.
      child.kill("SIGKILL");
      await once(child, "exit");
      let owner = await lockedBy("liveness:c");
      for (let i = 0; i < 100 && owner !== null; i += 1) {
        await new Promise((r) => setTimeout(r, 100));
        owner = await lockedBy("liveness:c");
      }
      expect(owner).toBeNull();
    } finally {
      await starting.stop();
    }
  });

  it("forgets its own workers on a clean stop", async () => {
    const liveness = new JobLiveness(createPool(url, 2));
    await liveness.start(3_600_000);
    await liveness.register("worker-clean");
    await liveness.stop();
    const owners = await db.query(
      "SELECT 1 FROM job_worker_owners WHERE worker_id = 'worker-clean'",
    );
    expect(owners.rowCount).toBe(0);
  });
});
