import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/db.ts";
import { buildOrg, type TestOrg } from "../../test/factories.ts";
import { verifyPassword } from "../platform/auth/password.ts";
import type { Db } from "../platform/db/pool.ts";

const run = promisify(execFile);
const main = path.resolve(import.meta.dirname, "main.ts");

let db: Db;
let url: string;
let org: TestOrg;

beforeAll(async () => {
  ({ db, url } = await testDatabase());
  org = await buildOrg(db, { name: "中共临川市委组织部机关党支部" });
});

/** The real CLI in a child process, on this file's database. */
async function wanggui(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", main, ...args], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        WANGGUI_FIELD_KEY: Buffer.alloc(32, 7).toString("base64"),
      },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("wanggui user create", () => {
  it("explains itself with --help", async () => {
    const { code, stdout } = await wanggui("user", "create", "--help");
    expect(code).toBe(0);
    for (const option of ["--username", "--name", "--role", "--org", "--member-id"]) {
      expect(stdout).toContain(option);
    }
  });

  it("opens the account, grants the role and prints the one-time password once", async () => {
    const { code, stdout } = await wanggui(
      "user",
      "create",
      "--username",
      "li.xiuying",
      "--name",
      "李秀英",
      "--role",
      "secretary",
      "--org",
      org.code,
    );
    expect(code).toBe(0);
    const password = stdout.match(/一次性初始密码.*：(\S+)/)?.[1] ?? "";
    const user = (
      await db.query(
        "SELECT id, display_name, password_hash, must_change_password, org_id FROM users WHERE username = 'li.xiuying'",
      )
    ).rows[0];
    expect(user).toMatchObject({
      display_name: "李秀英",
      must_change_password: true,
      org_id: org.id,
    });
    expect(await verifyPassword(user.password_hash, password)).toBe(true);
    const grants = await db.query("SELECT role, org_id FROM role_grants WHERE user_id = $1", [
      user.id,
    ]);
    expect(grants.rows).toEqual([{ role: "secretary", org_id: org.id }]);
    const audit = await db.query(
      "SELECT action FROM audit_events WHERE actor_label = 'cli' AND (entity_id = $1 OR after->>'userId' = $1) ORDER BY id",
      [String(user.id)],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["user.create", "grant.create"]);
  });

  it.each([
    [["--org", "999999999"], /组织代码 999999999 不存在/],
    [["--org", "ORG", "--username", "李"], /--username 不正确/],
    [["--role", "emperor"], /emperor/],
  ])("fails with a one-line reason and a non-zero exit: %j", async (override, reason) => {
    const base: Record<string, string> = {
      "--username": "chen.zhiqiang",
      "--name": "陈志强",
      "--role": "member",
      "--org": org.code,
    };
    for (let i = 0; i < override.length; i += 2)
      base[override[i] as string] = override[i + 1] as string;
    const { code, stderr } = await wanggui("user", "create", ...Object.entries(base).flat());
    expect(code).not.toBe(0);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(reason);
  });

  it("refuses a username already taken", async () => {
    const args = [
      "user",
      "create",
      "--username",
      "zhou.jianguo",
      "--name",
      "周建国",
      "--role",
      "member",
      "--org",
      org.code,
    ];
    expect((await wanggui(...args)).code).toBe(0);
    const again = await wanggui(...args);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe("错误：用户名已被使用");
  });
});
