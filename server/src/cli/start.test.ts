// CI failure of stop 20: Ctrl-C during start-up killed the process before it had said or
// closed anything, because the signal handlers were installed only once the server listened.
import { spawn } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/db.ts";

const main = path.resolve(import.meta.dirname, "main.ts");

let url: string;

beforeAll(async () => {
  ({ url } = await testDatabase());
});

describe("wanggui start", () => {
  it("stops cleanly on a Ctrl-C that arrives while it is still starting", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", main, "start"], {
      env: {
        ...process.env,
        NODE_ENV: "test",
        DATABASE_URL: url,
        WANGGUI_FIELD_KEY: Buffer.alloc(32, 7).toString("base64"),
        PORT: "0",
      },
    });
    let output = "";
    let signalled = false;
    child.stdout.on("data", (chunk) => {
      output += chunk;
      // The first line is printed before the database is even seeded, long before it listens.
      if (!signalled) {
        signalled = true;
        child.kill("SIGINT");
      }
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
      child.on("close", (c, s) => resolve([c, s])),
    );
    expect(signalled, output).toBe(true);
    expect({ code, signal }, output).toEqual({ code: 0, signal: null });
    expect(output).toContain("收到 SIGINT");
    expect(output).toContain("已安全停止");
    expect(output).not.toContain("网规已启动");
  }, 120_000);
});
