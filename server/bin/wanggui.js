#!/usr/bin/env node
// The CLI is TypeScript. It runs from a bundle made at each start (cli-bundle.mjs, ~0.4 s): run
// in place under tsx, the loader's own hooks thread and transpiler took ~50 MB of the server's
// ~170 MB idle (issue 10, ADR 0032). Where the bundle cannot be made or written (a read-only
// install), the CLI runs in place under tsx, as it did before. Stack traces name the bundle's
// lines, each module under a comment with its source path; NODE_OPTIONS=--enable-source-maps
// maps them to the sources, at ~10 MB of memory, which is why it is not on by default.
let bundle = null;
try {
  bundle = await (await import("./cli-bundle.mjs")).cliBundle();
} catch (error) {
  console.warn(
    `未能生成运行包，改为直接运行源代码：${error instanceof Error ? error.message : error}`,
  );
}
if (bundle) await import(bundle);
else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
