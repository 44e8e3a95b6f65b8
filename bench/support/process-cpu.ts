import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU time a process has had so far, in milliseconds, summed over all its threads (the event
 * loop, libuv's pool, V8's helpers): the first field of each thread's /proc schedstat, in
 * nanoseconds. Time spent waiting for a CPU is not counted, so it moves far less than a rate
 * when other work shares the machine, though not nothing (caches, clock): compare a server's
 * CPU per request with the bare server's in the same run.
 * Null where /proc has no schedstat (not Linux) or the process is gone.
 */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return null;
  }
  let ns = 0;
  for (const task of tasks) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // A thread that ended since the listing; Node keeps its threads for the process's life.
    }
  }
  return ns / 1e6;
}

/** CPU time of each PostgreSQL process on this machine so far, in nanoseconds, by pid. */
export function databaseCpu(): Map<string, number> {
  const byPid = new Map<string, number>();
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() !== "postgres") continue;
      byPid.set(pid, Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]));
    } catch {
      // A backend that ended since the listing.
    }
  }
  return byPid;
}

/**
 * The CPU milliseconds PostgreSQL spent between two `databaseCpu()` readings: each backend, the
 * WAL writer, the checkpointer. A backend started in between counts whole; one that ended in
 * between is missed, so a pool that reconnects reads low. Meaningful on an unshared machine,
 * where the only database work is the bench's.
 */
export function databaseCpuSince(before: Map<string, number>): number {
  let ns = 0;
  for (const [pid, now] of databaseCpu()) ns += now - (before.get(pid) ?? 0);
  return ns / 1e6;
}
