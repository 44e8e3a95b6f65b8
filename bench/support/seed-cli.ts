import { spawnSync } from "node:child_process";
import path from "node:path";

const cli = path.resolve(import.meta.dirname, "../../server/bin/wanggui.js");

/**
 * Runs the real `wanggui seed synthetic` into `url` in a process of its own, timed from the
 * outside (start-up included) and under `/usr/bin/time`, so its peak memory is its own.
 * `key` fills the field key; `extra` passes further CLI flags (`--seed`, `--threads`).
 */
export function seedSynthetic(
  url: string,
  options: { members: number; orgs: number; key: number; extra?: string[] },
): { seconds: number; peakMiB: number; stdout: string } {
  const started = performance.now();
  const run = spawnSync(
    "/usr/bin/time",
    [
      "-f",
      "%M",
      process.execPath,
      cli,
      "seed",
      "synthetic",
      "--members",
      String(options.members),
      "--orgs",
      String(options.orgs),
      ...(options.extra ?? []),
    ],
    {
      env: {
        ...process.env,
        DATABASE_URL: url,
        WANGGUI_FIELD_KEY: Buffer.alloc(32, options.key).toString("base64"),
      },
      encoding: "utf8",
    },
  );
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`seed synthetic failed: ${run.stderr}`);
  // time -f %M prints the peak resident set in KiB as the last line of stderr.
  const peakMiB = Number(run.stderr.trim().split("\n").at(-1)) / 1024;
  return { seconds, peakMiB, stdout: run.stdout };
}
