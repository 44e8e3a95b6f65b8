// The server runs from a bundle of its sources (bin/cli-bundle.mjs, ADR 0032). Under tsx an
// import may leave out a package file's extension; plain Node refuses it, and only when that
// import runs: the first bundled start found `@node-rs/jieba/dict` only when it first
// segmented a regulation.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const bin = path.resolve(import.meta.dirname, "../../bin");

async function bundle(): Promise<string> {
  const { cliBundle } = (await import(path.join(bin, "cli-bundle.mjs"))) as {
    cliBundle(): Promise<string>;
  };
  return fileURLToPath(await cliBundle());
}

/** Every package the bundle imports, statically or on first use. */
function packageImports(code: string): string[] {
  const found = new Set<string>();
  const patterns = [/^import\b[^;]*?"([^"]+)";$/gm, /\bimport\("([^"]+)"\)/g];
  for (const pattern of patterns) {
    for (const m of code.matchAll(pattern)) {
      const spec = m[1] ?? "";
      if (/^(@[\w.-]+\/)?[a-z][\w./-]*$/.test(spec) && !spec.startsWith("node:")) found.add(spec);
    }
  }
  return [...found].sort();
}

describe("the CLI bundle", () => {
  it("imports only packages plain Node resolves from where the bundle lies", async () => {
    const file = await bundle();
    const specs = packageImports(readFileSync(file, "utf8"));
    expect(specs).toContain("fastify");
    expect(specs).toContain("graphile-worker");
    expect(specs).toContain("@node-rs/jieba/dict.js");
    const check = spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `const bad = [];
         for (const s of ${JSON.stringify(specs)}) {
           try { import.meta.resolve(s); } catch (e) { bad.push(s + ": " + e.code); }
         }
         console.log(JSON.stringify(bad));`,
      ],
      { cwd: path.dirname(file), encoding: "utf8" },
    );
    expect(check.stderr).toBe("");
    expect(JSON.parse(check.stdout)).toEqual([]);
  });

  it("runs the CLI through the bin without a TypeScript loader", () => {
    const run = spawnSync(process.execPath, [path.join(bin, "wanggui.js"), "--help"], {
      encoding: "utf8",
      env: { ...process.env, NODE_OPTIONS: "" },
    });
    expect(run.status).toBe(0);
    expect(run.stderr).not.toContain("未能生成运行包");
    expect(run.stdout).toContain("start");
  });

  it("runs the sources in place, with a warning, where the bundle cannot be written", () => {
    // Even as root a folder cannot be made under a plain file: the bundle's write fails there.
    const dir = mkdtempSync(path.join(tmpdir(), "wanggui-bin-"));
    const blocker = path.join(dir, "不是目录");
    writeFileSync(blocker, "");
    const run = spawnSync(process.execPath, [path.join(bin, "wanggui.js"), "--help"], {
      encoding: "utf8",
      env: { ...process.env, NODE_OPTIONS: "", WANGGUI_BUILD_DIR: path.join(blocker, "build") },
    });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("未能生成运行包，改为直接运行源代码");
    expect(run.stdout).toContain("start");
  });
});
