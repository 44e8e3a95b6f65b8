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
