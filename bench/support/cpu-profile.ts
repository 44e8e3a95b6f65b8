/**
 * Summarizes a V8 .cpuprofile (node --cpu-prof, BENCH_CPU_PROF=<dir>): self time by function and
 * by where the code lives (a package, the app's own files, node internals, the engine), and
 * busy time per second so the measured slices can be told from start-up and idle.
 *
 *   npx tsx bench/support/cpu-profile.ts <file.cpuprofile> [--from s] [--to s] [--top 40] [--callers name] [--depth 3]
 *
 * --from/--to keep only samples between those seconds after the profile started (read them off
 * the per-second table of a first run without them). --callers lists the stacks (the --depth
 * innermost frames above it) that spent the self time of the functions so named.
 */
import { readFileSync } from "node:fs";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const file = process.argv[2];
if (!file) throw new Error("usage: cpu-profile.ts <file.cpuprofile> [--from s] [--to s]");
const from = Number(arg("from") ?? 0) * 1e6;
const to = Number(arg("to") ?? Number.POSITIVE_INFINITY) * 1e6;
const top = Number(arg("top") ?? 40);
const callersOf = arg("callers");
const depth = Number(arg("depth") ?? 3);

const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map<number, ProfileNode>();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n);

/** Where a frame's code lives: an npm package, the app (server/…), node:…, or the engine. */
function place(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1] as string;
  if (url.startsWith("node:")) return url;
  const app = url.match(/\/(server|packages|bench)\/(.*)$/);
  return app ? `${app[1]}/${app[2]}` : url;
}

const selfByFunction = new Map<string, number>();
const selfByPlace = new Map<string, number>();
const busyPerSecond = new Map<number, number>();
const selfByCallers = new Map<string, number>();
let total = 0;
let t = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  t += delta;
  if (t < from || t > to) return;
  const node = byId.get(id);
  if (!node) return;
  const frame = node.callFrame;
  const where = place(frame);
  total += delta;
  const fn = `${frame.functionName || "(anonymous)"}  ${where}${frame.url ? `:${frame.lineNumber + 1}` : ""}`;
  selfByFunction.set(fn, (selfByFunction.get(fn) ?? 0) + delta);
  selfByPlace.set(where, (selfByPlace.get(where) ?? 0) + delta);
  if (callersOf && frame.functionName === callersOf) {
    const stack: string[] = [];
    for (let p = parentOf.get(node.id); p && stack.length < depth; p = parentOf.get(p.id))
      stack.push(`${p.callFrame.functionName || "(anonymous)"} ${place(p.callFrame)}`);
    const key = stack.join(" < ");
    selfByCallers.set(key, (selfByCallers.get(key) ?? 0) + delta);
  }
  if (frame.functionName !== "(idle)") {
    const second = Math.floor(t / 1e6);
    busyPerSecond.set(second, (busyPerSecond.get(second) ?? 0) + delta);
  }
});

const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
const table = (title: string, rows: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, us] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${pct(us)} ${ms(us)}  ${name}`);
};

console.log(`${file}\nsampled ${ms(total)} between ${from / 1e6}s and ${Math.min(t, to) / 1e6}s`);
console.log("\nbusy ms per second since the profile started");
console.log(
  [...busyPerSecond]
    .sort((a, b) => a[0] - b[0])
    .map(([s, us]) => `${s}s:${Math.round(us / 1000)}`)
    .join(" "),
);
table("self time by place", selfByPlace);
table("self time by function", selfByFunction);
if (callersOf) table(`self time of ${callersOf} by caller`, selfByCallers);
