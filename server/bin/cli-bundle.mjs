// Bundles the CLI's TypeScript into one ES module under server/.build, so the server runs
// without a TypeScript loader (issue 10, ADR 0032). Packages stay external and load from
// node_modules as usual; the workspace's own packages (@wanggui/*) are TypeScript and are
// bundled. Each source file keeps its own import.meta.url, dirname and filename, since the
// code finds its migrations, its web build and its worker entries next to itself.
import { createHash } from "node:crypto";
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build, stop } from "esbuild";

const server = path.resolve(import.meta.dirname, "..");
// WANGGUI_BUILD_DIR puts the bundle elsewhere, for an install whose own folder is read-only.
const outDir = process.env.WANGGUI_BUILD_DIR
  ? path.resolve(process.env.WANGGUI_BUILD_DIR)
  : path.join(server, ".build");
/** A bundle older than this, not the current one, belongs to sources since changed. */
const STALE_MS = 10 * 60_000;

const ownMeta = {
  name: "own-import-meta",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith("@wanggui/") ? undefined : { path: args.path, external: true },
    );
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, "utf8")
        .replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll("import.meta.dirname", JSON.stringify(path.dirname(args.path)))
        .replaceAll("import.meta.filename", JSON.stringify(args.path));
      return { contents: text, loader: "ts" };
    });
  },
};

/** The file URL of a bundle of `src/cli/main.ts` as the sources stand now. */
export async function cliBundle() {
  const result = await build({
    entryPoints: [path.join(server, "src/cli/main.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: path.join(outDir, "cli.mjs"),
    sourcemap: "linked",
    sourcesContent: false,
    write: false,
    logLevel: "silent",
    plugins: [ownMeta],
  });
  // esbuild's service is a child process that would otherwise live as long as the server.
  await stop();
  const code = result.outputFiles.find((f) => f.path.endsWith(".mjs"));
  const map = result.outputFiles.find((f) => f.path.endsWith(".map"));
  if (!code || !map) throw new Error("esbuild gave no bundle");
  const name = `cli-${createHash("sha256").update(code.contents).digest("hex").slice(0, 16)}.mjs`;
  const file = path.join(outDir, name);
  mkdirSync(outDir, { recursive: true });
  // Written under a private name and renamed: processes starting together (the test suites
  // start several servers) must never import a half-written file.
  const pid = process.pid;
  writeFileSync(`${file}.map.${pid}`, map.contents);
  renameSync(`${file}.map.${pid}`, `${file}.map`);
  writeFileSync(
    `${file}.${pid}`,
    code.text.replace(/\/\/# sourceMappingURL=.*$/m, `//# sourceMappingURL=${name}.map`),
  );
  renameSync(`${file}.${pid}`, file);
  removeStale(name);
  return pathToFileURL(file).href;
}

function removeStale(current) {
  const now = Date.now();
  for (const entry of readdirSync(outDir)) {
    if (!entry.startsWith("cli-") || entry.startsWith(current)) continue;
    const file = path.join(outDir, entry);
    try {
      if (now - statSync(file).mtimeMs > STALE_MS) unlinkSync(file);
    } catch {
      // Another process removed it first.
    }
  }
}
