import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testContext } from "../../../test/db.ts";
import { buildOrg, buildUser, signIn } from "../../../test/factories.ts";
import { buildApp } from "../../app.ts";
import { sealPending } from "../audit/chain.ts";
import { recordAudit, systemActor } from "../audit/record.ts";
import { verifyChain } from "../audit/verify.ts";
import type { AppContext } from "../context.ts";
import { createPool, type Db, withTx } from "./pool.ts";
import { grantAppRole, leastPrivilegeWarning, loginPrivileges } from "./roles.ts";

let ctx: AppContext;
let app: Db;
const role = `wg_app_${randomBytes(4).toString("hex")}`;

beforeAll(async () => {
  ctx = await testContext();
  await ctx.db.query(`CREATE ROLE ${role} LOGIN PASSWORD 'app-login-test'`);
  await grantAppRole(ctx.db, role);
  const url = new URL(ctx.config.databaseUrl as string);
  url.username = role;
  url.password = "app-login-test";
  app = createPool(url.toString(), 3);
  await withTx(app, async (tx) => {
    for (const name of ["城关镇党委", "东城社区党支部", "西城社区党支部"]) {
      await recordAudit(tx, systemActor, {
        action: "org.create",
        entityType: "org",
        after: { name },
      });
    }
  });
  await sealPending(app);
});

afterAll(async () => {
  await app.end();
  await ctx.db.query(`DROP OWNED BY ${role}`);
  await ctx.db.query(`DROP ROLE ${role}`);
});

describe("the application's own login, played as an attacker", () => {
  it("is neither superuser nor owner, so start-up has nothing to warn about", async () => {
    const login = await loginPrivileges(app);
    expect(login).toEqual({ role, superuser: false, ownsAuditLog: false });
    expect(leastPrivilegeWarning(login)).toBeNull();
    expect(leastPrivilegeWarning(await loginPrivileges(ctx.db))).toMatch(/超级用户.*README/);
  });

  it("cannot TRUNCATE the log or its head", async () => {
    await expect(app.query("TRUNCATE audit_events")).rejects.toThrow(/permission denied/);
    await expect(app.query("TRUNCATE audit_chain_head")).rejects.toThrow(/permission denied/);
  });

  it("cannot INSERT a row with its chain columns filled in", async () => {
    await expect(
      app.query(
        `INSERT INTO audit_events (actor_label, action, entity_type, chain_seq, prev_hash, hash)
         VALUES ('system', 'org.create', 'org', 4, repeat('0', 64), repeat('f', 64))`,
      ),
    ).rejects.toThrow(/sealer only/);
  });

  it("cannot move the head, edit a row and re-hash it, delete, or switch a guard off", async () => {
    await expect(
      app.query("UPDATE audit_chain_head SET chain_seq = 1, hash = repeat('0', 64)"),
    ).rejects.toThrow(/permission denied/);
    await expect(
      app.query(
        `UPDATE audit_events SET after = '{"name":"篡改"}', hash = audit_row_hash(prev_hash, audit_events)
          WHERE chain_seq = 2`,
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(app.query("DELETE FROM audit_events")).rejects.toThrow(/permission denied/);
    await expect(app.query("ALTER TABLE audit_events DISABLE TRIGGER USER")).rejects.toThrow(
      /must be owner/,
    );
    await expect(
      app.query("DROP TRIGGER audit_events_append_only ON audit_events"),
    ).rejects.toThrow(/must be owner/);
  });

  it("has no DDL at all", async () => {
    await expect(app.query("CREATE TABLE shadow_audit (id int)")).rejects.toThrow(
      /permission denied for schema public/,
    );
    await expect(app.query("DROP TABLE members")).rejects.toThrow(/must be owner/);
    await expect(app.query("ALTER TABLE members ADD COLUMN note text")).rejects.toThrow(
      /must be owner/,
    );
  });

  it("uses the job queue, whose tables hide their rows from any role without a policy", async () => {
    await app.query("SELECT graphile_worker.add_job('notify-overdue', '{}'::json)");
    const queued = await app.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'notify-overdue'",
    );
    expect(queued.rows[0]?.n).toBe(1);
  });

  it("leaves the chain intact after all of the above", async () => {
    expect(await verifyChain(app)).toMatchObject({ ok: true, rows: 3 });
  });

  it("runs the server: a change and its audit row, sealed and verified", async () => {
    const server = await buildApp({ ...ctx, db: app });
    const city = await buildOrg(app, { name: "中共临江市委员会" });
    const admin = await signIn(app, await buildUser(app, { role: "system_admin", at: city }));
    const auditor = await signIn(app, await buildUser(app, { role: "audit_admin", at: city }));
    const created = await server.inject({
      method: "POST",
      url: "/api/orgs",
      headers: admin.headers,
      payload: { parentId: city.id, kind: "branch", name: "临江市委办公室党支部" },
    });
    expect(created.statusCode).toBe(201);
    const verified = await server.inject({
      method: "GET",
      url: "/api/audit-events/verify",
      headers: auditor.headers,
    });
    expect(verified.json()).toMatchObject({ ok: true, unsealed: 0 });
    expect(verified.json().rows).toBeGreaterThan(3);
    await server.close();
  });
});

describe("a login that reaches the database as a separate client", () => {
  it("is refused the seal function unless granted", async () => {
    const other = `wg_other_${randomBytes(4).toString("hex")}`;
    await ctx.db.query(`CREATE ROLE ${other} LOGIN PASSWORD 'other'`);
    const url = new URL(ctx.config.databaseUrl as string);
    url.username = other;
    url.password = "other";
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    await expect(client.query("SELECT * FROM audit_seal(10)")).rejects.toThrow(/permission denied/);
    await client.end();
    await ctx.db.query(`DROP ROLE ${other}`);
  });
});
