/**
 * Timed load for the benches that hold a path against its baseline in the same run: a bounded
 * rush of jobs with latencies, the CPU of a process and of PostgreSQL meanwhile, and pairs run
 * in alternating slices so a shared machine weighs on both alike.
 */
import { databaseCpu, databaseCpuSince, processCpuMs } from "./process-cpu.ts";
import { percentile } from "./steps.ts";

export interface Pace {
  /** Jobs in flight at once. */
  concurrency: number;
  /** Alternating slices per pair. */
  rounds: number;
  /** A rush stops at this many milliseconds, whatever is left. */
  windowMs: number;
}

export interface Rush {
  ok: number;
  failed: number;
  seconds: number;
  perSecond: number;
  latencies: number[];
  cpuMs: number | null;
  dbMs: number;
}

export function pacedRuns(pace: Pace) {
  /**
   * Runs `jobs` with at most `pace.concurrency` in flight, stopping at the window's end; with a
   * pid, also the CPU time that process spent meanwhile.
   */
  async function rush<T>(
    jobs: T[],
    run: (job: T) => Promise<boolean>,
    windowMs = pace.windowMs,
    pid?: number,
  ): Promise<Rush> {
    const cpuBefore = processCpuMs(pid);
    const dbBefore = databaseCpu();
    const latencies: number[] = [];
    let ok = 0;
    let failed = 0;
    let next = 0;
    const started = performance.now();
    const until = started + windowMs;
    await Promise.all(
      Array.from({ length: pace.concurrency }, async () => {
        while (next < jobs.length && performance.now() < until) {
          const job = jobs[next++] as T;
          const t = performance.now();
          if (await run(job)) ok++;
          else failed++;
          latencies.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = processCpuMs(pid);
    const dbMs = databaseCpuSince(dbBefore);
    latencies.sort((a, b) => a - b);
    const cpuMs = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
    return { ok, failed, seconds, perSecond: ok / seconds, latencies, cpuMs, dbMs };
  }

  /**
   * Runs a baseline and a path over the same jobs in alternating slices, the order flipping each
   * round, and adds each one's slices up.
   */
  async function paired<T>(
    jobs: T[],
    baseline: (job: T) => Promise<boolean>,
    path: (job: T) => Promise<boolean>,
    pids: { baseline?: number; path?: number },
  ) {
    const size = Math.ceil(jobs.length / pace.rounds);
    const b: Rush[] = [];
    const p: Rush[] = [];
    for (let r = 0; r < pace.rounds; r++) {
      const slice = jobs.slice(r * size, (r + 1) * size);
      if (r % 2 === 0) {
        b.push(await rush(slice, baseline, pace.windowMs, pids.baseline));
        p.push(await rush(slice, path, pace.windowMs, pids.path));
      } else {
        p.push(await rush(slice, path, pace.windowMs, pids.path));
        b.push(await rush(slice, baseline, pace.windowMs, pids.baseline));
      }
    }
    return [merged(b), merged(p)] as const;
  }

  return { rush, paired };
}

/** One path's slices added up: requests over the time its own slices took. */
function merged(parts: Rush[]): Rush {
  const ok = parts.reduce((n, p) => n + p.ok, 0);
  const seconds = parts.reduce((n, p) => n + p.seconds, 0);
  return {
    ok,
    failed: parts.reduce((n, p) => n + p.failed, 0),
    seconds,
    perSecond: ok / seconds,
    latencies: parts.flatMap((p) => p.latencies).sort((a, b) => a - b),
    cpuMs: parts.some((p) => p.cpuMs === null)
      ? null
      : parts.reduce((n, p) => n + (p.cpuMs ?? 0), 0),
    dbMs: parts.reduce((n, p) => n + p.dbMs, 0),
  };
}

/** The server process's CPU per request handled, threads included. */
const cpuPerRequest = (r: Rush) =>
  r.cpuMs === null || r.ok === 0 ? "n/a" : `${((1000 * r.cpuMs) / r.ok).toFixed(0)} µs`;

/** PostgreSQL's CPU per request, all its processes: only the bench's own on an unshared machine. */
const dbPerRequest = (r: Rush) =>
  r.ok === 0 ? "n/a" : `${((1000 * r.dbMs) / r.ok).toFixed(0)} µs`;

export const line = (label: string, r: Rush) =>
  `| ${label} | ${r.ok} | ${r.failed} | ${r.seconds.toFixed(2)} s | ${Math.round(r.perSecond)} | ${percentile(r.latencies, 50).toFixed(1)} ms | ${percentile(r.latencies, 95).toFixed(1)} ms | ${percentile(r.latencies, 99).toFixed(1)} ms | ${cpuPerRequest(r)} | ${dbPerRequest(r)} |`;
