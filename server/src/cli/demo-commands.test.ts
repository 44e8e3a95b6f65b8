// Issue 15: demo accounts with printed passwords must never run in production unnoticed.

import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../test/cli.ts";
import { testDatabase } from "../../test/db.ts";
import type { Db } from "../platform/db/pool.ts";

let db: Db;
let url: string;

beforeAll(async () => {
  ({ db, url } = await testDatabase());
});

const wanggui = (env: Record<string, string>, ...args: string[]) =>
  runCli(
    {
      NODE_ENV: "test",
      DATABASE_URL: url,
      WANGGUI_FIELD_KEY: Buffer.alloc(32, 7).toString("base64"),
      PORT: "0",
      ...env,
    },
    ...args,
  );

describe("demo accounts and a production start", () => {
  it("loads the demo with passwords that must be changed, then refuses production until removed", async () => {
    const seeded = await wanggui({}, "seed", "demo");
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toContain("demo.secretary");
    expect(seeded.stdout).not.toMatch(/demo\.(sysadmin|secadmin|auditor)/);
    const flags = await db.query(
      "SELECT bool_and(must_change_password) AS change, count(*)::int AS n FROM users WHERE is_demo",
    );
    expect(flags.rows[0]).toEqual({ change: true, n: 5 });

    const productionEnvs: Record<string, string>[] = [
      { NODE_ENV: "production" },
      { WANGGUI_PRODUCTION: "1" },
    ];
    for (const env of productionEnvs) {
      const refused = await wanggui(env, "start");
      expect(refused.code).toBe(1);
      const lines = refused.stderr.trim().split("\n");
      expect(lines.at(-1)).toMatch(
        /拒绝以生产模式启动：仍有 5 个演示账号.*wanggui seed demo --remove/,
      );
    }
    const flag = await wanggui({}, "start", "--production");
    expect(flag.code).toBe(1);

    const removed = await wanggui({}, "seed", "demo", "--remove");
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain("已停用 5 个演示账号");
    const left = await db.query(
      `SELECT count(*)::int AS n FROM users u JOIN role_grants g ON g.user_id = u.id
        WHERE u.is_demo AND (u.disabled_at IS NULL OR g.revoked_at IS NULL)`,
    );
    expect(left.rows[0].n).toBe(0);
    const audit = await db.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'user.disable' AND after->>'reason' = 'demo_removed'",
    );
    expect(audit.rows[0].n).toBe(5);
  }, 300_000);
});
