/**
 * Parser throughput on real text: every corpus law plus the seed regulation, N rounds.
 * Baseline in the same run: a plain line split + article-heading regex over the same strings,
 * so the ratio shows what the structure, normalization and checks cost.
 *
 *   npx tsx bench/regulation-parse.ts [rounds]
 */
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "@wanggui/regulation";

const testData = resolve(import.meta.dirname, "../test-data");
const corpus = resolve(testData, "corpus/laws");
const files = [
  ...readdirSync(corpus)
    .filter((f) => f.endsWith(".md") && !/^(README|LICENSE)/.test(f))
    .map((f) => resolve(corpus, f)),
  resolve(testData, "regulations/party-member-online-conduct-2024.txt"),
];
const texts = files.map((f) => readFileSync(f, "utf8"));
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, "utf8"), 0);
const rounds = Number(process.argv[2] ?? 20);

function baseline(text: string): number {
  let found = 0;
  for (const line of text.split("\n"))
    if (/^第[〇零一二两三四五六七八九十百千]+条/.test(line)) found++;
  return found;
}

function run(
  name: string,
  fn: (text: string) => unknown,
): { mbPerS: number; p50: number; p95: number } {
  for (const t of texts) fn(t);
  const latencies: number[] = [];
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const t of texts) {
      const t0 = performance.now();
      fn(t);
      latencies.push(performance.now() - t0);
    }
  }
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const pick = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  const result = { mbPerS: (bytes * rounds) / 1e6 / seconds, p50: pick(0.5), p95: pick(0.95) };
  console.log(
    `${name.padEnd(10)} ${result.mbPerS.toFixed(2).padStart(8)} MB/s  p50 ${result.p50.toFixed(3)} ms  p95 ${result.p95.toFixed(3)} ms per document`,
  );
  return result;
}

console.log(
  `${texts.length} documents, ${(bytes / 1e6).toFixed(2)} MB, ${rounds} rounds, Node ${process.version}`,
);
const full = run("parse()", (t) => parse(t));
const plain = run("baseline", baseline);
console.log(
  `parse() runs at ${((full.mbPerS / plain.mbPerS) * 100).toFixed(1)}% of the baseline's speed (${(plain.mbPerS / full.mbPerS).toFixed(1)}x slower)`,
);
