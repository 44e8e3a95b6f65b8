import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../test/cli.ts";
import { testDatabase } from "../../test/db.ts";
import { buildOrg, buildUser, signIn, type TestOrg } from "../../test/factories.ts";
import { verifyPassword } from "../platform/auth/password.ts";
import type { Db } from "../platform/db/pool.ts";

let db: Db;
let url: string;
let org: TestOrg;
let dataDir: string;

beforeAll(async () => {
  ({ db, url } = await testDatabase());
  // The CLI signs audit checkpoints beside its key; keep them out of the repository's folder.
  dataDir = await mkdtemp(path.join(tmpdir(), "wanggui-cli-"));
  org = await buildOrg(db, { name: "中共临川市委组织部机关党支部" });
});

/** The real CLI in a child process, on this file's database. */
const wanggui = (...args: string[]) =>
  runCli(
    {
      DATABASE_URL: url,
      WANGGUI_DATA_DIR: dataDir,
      WANGGUI_FIELD_KEY: Buffer.alloc(32, 7).toString("base64"),
    },
    ...args,
  );

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
  }, 60_000); // two CLI runs, each a full start-up
});

// Issue 15: the API's 403 for an administrator's account sends the operator to these commands.
describe("wanggui user reset-password, disable and enable", () => {
  it.each(["reset-password", "disable", "enable"])(
    "%s explains itself with --help",
    async (cmd) => {
      const { code, stdout } = await wanggui("user", cmd, "--help");
      expect(code).toBe(0);
      expect(stdout).toContain("--username");
    },
  );

  it("give a locked-out auditor a one-time password, end their sessions and audit it", async () => {
    const auditor = await buildUser(db, { role: "audit_admin", at: org });
    await signIn(db, auditor);
    await db.query(
      "UPDATE users SET failed_attempts = 5, locked_until = now() + interval '1 hour' WHERE id = $1",
      [auditor.id],
    );
    const { code, stdout } = await wanggui(
      "user",
      "reset-password",
      "--username",
      auditor.username,
    );
    expect(code).toBe(0);
    const password = stdout.match(/一次性密码.*：(\S+)/)?.[1] ?? "";
    const row = (
      await db.query(
        "SELECT password_hash, must_change_password, locked_until, failed_attempts FROM users WHERE id = $1",
        [auditor.id],
      )
    ).rows[0];
    expect(await verifyPassword(row.password_hash, password)).toBe(true);
    expect(row).toMatchObject({
      must_change_password: true,
      locked_until: null,
      failed_attempts: 0,
    });
    expect(await liveSessions(auditor.id)).toBe(0);
    expect(await cliAudit(auditor.id)).toEqual(["user.password_reset"]);
  }, 60_000);

  it("disable a security administrator at once and enable them again, each audited", async () => {
    const admin = await buildUser(db, { role: "security_admin", at: org });
    await signIn(db, admin);
    expect((await wanggui("user", "disable", "--username", admin.username)).code).toBe(0);
    const disabled = await db.query("SELECT disabled_at FROM users WHERE id = $1", [admin.id]);
    expect(disabled.rows[0].disabled_at).not.toBeNull();
    expect(await liveSessions(admin.id)).toBe(0);
    const again = await wanggui("user", "disable", "--username", admin.username);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe("错误：该账号已停用");
    expect((await wanggui("user", "enable", "--username", admin.username)).code).toBe(0);
    const enabled = await db.query("SELECT disabled_at FROM users WHERE id = $1", [admin.id]);
    expect(enabled.rows[0].disabled_at).toBeNull();
    expect(await cliAudit(admin.id)).toEqual(["user.disable", "user.enable"]);
  }, 90_000);

  it("name an unknown username in one line and exit non-zero, writing nothing", async () => {
    const before = await db.query("SELECT count(*)::int AS n FROM audit_events");
    const { code, stderr } = await wanggui("user", "reset-password", "--username", "wu.mingde");
    expect(code).toBe(1);
    expect(stderr.trim()).toBe("错误：用户 wu.mingde 不存在");
    expect((await db.query("SELECT count(*)::int AS n FROM audit_events")).rows).toEqual(
      before.rows,
    );
  });
});

async function liveSessions(userId: number): Promise<number> {
  const r = await db.query(
    "SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND ended_at IS NULL",
    [userId],
  );
  return r.rows[0].n;
}

async function cliAudit(userId: number): Promise<string[]> {
  const r = await db.query(
    "SELECT action FROM audit_events WHERE actor_label = 'cli' AND entity_type = 'user' AND entity_id = $1 ORDER BY id",
    [String(userId)],
  );
  return r.rows.map((x) => x.action);
}
