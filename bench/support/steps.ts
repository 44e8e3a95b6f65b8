import { readFile } from "node:fs/promises";

/** Seconds since `t0`, a `performance.now()` reading. */
export const seconds = (t0: number) => (performance.now() - t0) / 1000;

/** Runs `run` and adds the milliseconds it took to `times`. */
export async function timed<T>(times: number[], run: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const result = await run();
  times.push(performance.now() - t);
  return result;
}

/** The p-th percentile of `xs` (nearest rank); NaN when there is none. */
export const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

/**
 * A long bench's progress on stderr, each step with the time since start and the machine's
 * load average, which is kept for the report: on a shared machine the figures mean little
 * without it.
 */
export function stepLog() {
  const started = performance.now();
  const loads: string[] = [];
  return {
    loads,
    async step(what: string) {
      const load = (await readFile("/proc/loadavg", "utf8")).split(" ").slice(0, 3).join(" ");
      loads.push(load);
      process.stderr.write(`[${seconds(started).toFixed(0)} s, load ${load}] ${what}\n`);
    },
  };
}
