/**
 * Web bundle budget: builds the web app with a manifest and reports, per chunk, the raw and
 * gzip size, then the initial JavaScript of the sign-in route (the entry, the sign-in page
 * chunk and every chunk they import statically). Exits non-zero above the 300 KB gzip budget.
 *
 *   npx tsx bench/web-bundle.ts
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Plugin } from "vite";

const BUDGET_KB = 300;
const web = path.resolve(import.meta.dirname, "../web");
const outDir = mkdtempSync(path.join(tmpdir(), "wanggui-web-bundle-"));

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/** Rendered bytes of each source module, per output file, to say what fills the initial chunks. */
const modulesByFile = new Map<string, { id: string; bytes: number }[]>();
const collect: Plugin = {
  name: "wanggui-module-sizes",
  generateBundle(_options, bundle) {
    for (const out of Object.values(bundle)) {
      if (out.type !== "chunk") continue;
      modulesByFile.set(
        out.fileName,
        Object.entries(out.modules).map(([id, m]) => ({ id, bytes: m.renderedLength })),
      );
    }
  },
};

process.env.NODE_ENV = "production";
await build({
  root: web,
  configFile: path.join(web, "vite.config.ts"),
  logLevel: "error",
  plugins: [collect],
  build: { outDir, emptyOutDir: true, manifest: true },
});

const manifest = JSON.parse(
  readFileSync(path.join(outDir, ".vite/manifest.json"), "utf8"),
) as Record<string, ManifestChunk>;
const sizes = new Map<string, { raw: number; gzip: number }>();
for (const chunk of Object.values(manifest)) {
  if (!chunk.file.endsWith(".js") || sizes.has(chunk.file)) continue;
  const bytes = readFileSync(path.join(outDir, chunk.file));
  sizes.set(chunk.file, { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
}

/** A chunk and everything it imports statically, as the browser loads it before running. */
function closure(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key]?.imports ?? []) closure(dep, seen);
  return seen;
}

const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
const signInKey = Object.keys(manifest).find((k) => k.endsWith("features/auth/SignInPage.tsx"));
if (!entryKey || !signInKey) throw new Error("entry or sign-in chunk not found in the manifest");
const initial = new Set([...closure(entryKey), ...closure(signInKey)]);

const kb = (n: number) => (n / 1024).toFixed(1).padStart(7);
const rows = [...sizes.entries()].sort((a, b) => b[1].gzip - a[1].gzip);
console.log("chunk".padEnd(44), "    raw KB", "  gzip KB", " sign-in");
for (const [file, s] of rows) {
  const key = Object.keys(manifest).find((k) => manifest[k]?.file === file) ?? "";
  console.log(
    file.padEnd(44),
    kb(s.raw).padStart(10),
    kb(s.gzip).padStart(9),
    initial.has(key) ? "    *" : "",
  );
}
const initialGzip = [...initial].reduce(
  (sum, key) => sum + (sizes.get(manifest[key]?.file ?? "")?.gzip ?? 0),
  0,
);
const totalGzip = rows.reduce((sum, [, s]) => sum + s.gzip, 0);
console.log(`\n${rows.length} JS chunks, ${kb(totalGzip).trim()} KB gzip in all`);
console.log(
  `sign-in route initial JS: ${initial.size} chunks, ${kb(initialGzip).trim()} KB gzip (budget ${BUDGET_KB} KB)`,
);

// What the sign-in page's bytes are made of, grouped by package (or by folder of our own code).
const groups = new Map<string, number>();
for (const key of initial) {
  for (const m of modulesByFile.get(manifest[key]?.file ?? "") ?? []) {
    const pkg =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(m.id)?.[1] ??
      path.relative(web, path.dirname(m.id));
    groups.set(pkg, (groups.get(pkg) ?? 0) + m.bytes);
  }
}
console.log("\nlargest parts of the sign-in route (rendered, before gzip):");
for (const [name, bytes] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
  console.log(`  ${name.padEnd(40)} ${kb(bytes)} KB`);
}
rmSync(outDir, { recursive: true, force: true });
if (initialGzip / 1024 > BUDGET_KB) {
  console.error("over budget");
  process.exit(1);
}
