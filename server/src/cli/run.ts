import { openRuntime, type Runtime } from "../platform/runtime.ts";

export const say = (line: string) => process.stdout.write(`${line}\n`);

/** Runs one CLI command against the database and always closes it, even on failure. */
export async function withRuntime<T>(
  work: (runtime: Runtime) => Promise<T>,
  opts: { suiteChange?: boolean } = {},
): Promise<T> {
  const runtime = await openRuntime((line) => process.stderr.write(`${line}\n`), undefined, opts);
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}
