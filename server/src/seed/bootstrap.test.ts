import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../test/app.ts";
import { testContext } from "../../test/db.ts";
import { systemActor } from "../platform/audit/record.ts";
import type { AppContext } from "../platform/context.ts";
import { type BootstrapResult, bootstrapOnce, PRODUCTION_ROOT_NAME } from "./bootstrap.ts";
import { SEED_REGULATION, seedRegulationOnce } from "./seed-regulation.ts";

let app: FastifyInstance;
let ctx: AppContext;
let first: BootstrapResult | null;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  first = await bootstrapOnce(ctx, systemActor);
});

const login = (username: string, password: string) =>
  app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });

describe("first start", () => {
  it("creates the three administrators, who must change their password first", async () => {
    expect(first?.admins.map((a) => a.role)).toEqual([
      "system_admin",
      "security_admin",
      "audit_admin",
    ]);
    const admin = first?.admins[0];
    const res = await login(admin?.username ?? "", admin?.password ?? "");
    expect(res.statusCode).toBe(200);
    expect(res.json().stage).toBe("password_change");
  });

  it("loads the demo city: a 市委, three levels below it and a few hundred members", async () => {
    const shape = await ctx.db.query<{ depth: number; orgs: number; members: number }>(
      `SELECT max(nlevel(path))::int AS depth, count(*)::int AS orgs,
              (SELECT count(*)::int FROM members) AS members FROM orgs`,
    );
    expect(shape.rows[0]).toMatchObject({ depth: 5, orgs: 23 });
    expect(shape.rows[0]?.members).toBeGreaterThan(300);
    const branches = await ctx.db.query("SELECT 1 FROM orgs WHERE kind = 'branch'");
    expect(branches.rowCount).toBeGreaterThanOrEqual(12);
  });

  it("gives one demo account per business role, none an administrator, each to be changed", async () => {
    expect(first?.demo.map((d) => d.role).sort()).toEqual(
      ["discipline_officer", "member", "propaganda_officer", "secretary", "secretary"].sort(),
    );
    const held = await ctx.db.query(
      `SELECT DISTINCT g.role FROM role_grants g JOIN users u ON u.id = g.user_id
        WHERE u.is_demo AND g.role IN ('system_admin', 'security_admin', 'audit_admin')`,
    );
    expect(held.rowCount).toBe(0);
    const secretary = first?.demo.find((d) => d.username === "demo.secretary");
    const res = await login(secretary?.username ?? "", secretary?.password ?? "");
    expect(res.json().stage).toBe("password_change");
    const cookie = res.cookies.find((c) => c.name === "wg_session");
    const session = await app.inject({
      method: "GET",
      url: "/api/auth/session",
      headers: { cookie: `wg_session=${cookie?.value}` },
    });
    expect(session.json()).toMatchObject({ demo: true, mustChangePassword: true });
  });

  it("audits what it created and does nothing on a second start", async () => {
    const audited = await ctx.db.query(
      "SELECT 1 FROM audit_events WHERE action IN ('user.create', 'seed.demo')",
    );
    expect(audited.rowCount).toBe(9);
    expect(await bootstrapOnce(ctx, systemActor)).toBeNull();
    const users = await ctx.db.query("SELECT 1 FROM users");
    expect(users.rowCount).toBe(8);
  });

  it("creates no demo at a production first start, only the administrators at a root to rename", async () => {
    const prod = await testContext();
    const result = await bootstrapOnce(prod, systemActor, { demo: false });
    expect(result?.demo).toEqual([]);
    expect(result?.admins).toHaveLength(3);
    const orgs = await prod.db.query<{ name: string }>("SELECT name FROM orgs");
    expect(orgs.rows.map((o) => o.name)).toEqual([PRODUCTION_ROOT_NAME]);
    const demo = await prod.db.query("SELECT 1 FROM users WHERE is_demo");
    expect(demo.rowCount).toBe(0);
    expect((await prod.db.query("SELECT 1 FROM members")).rowCount).toBe(0);
  });

  it("imports the seed regulation once", async () => {
    const imported = await seedRegulationOnce(ctx.db, systemActor);
    expect(imported).toMatchObject({ title: "中国共产党党员网络行为规定", articles: 31 });
    expect(await seedRegulationOnce(ctx.db, systemActor)).toBeNull();
  });

  it("ships the regulation byte for byte as received", () => {
    // test-data/ holds the text as received, with its SHA-256 in test-data/README.md.
    const received = path.resolve(
      import.meta.dirname,
      "../../../test-data/regulations/party-member-online-conduct-2024.txt",
    );
    expect(existsSync(received)).toBe(true);
    expect(createHash("sha256").update(readFileSync(received)).digest("hex")).toBe(
      "a5555bd7af837b68110280e2a2c3d695dc789198a75bdd322926954706513019",
    );
    expect(readFileSync(SEED_REGULATION)).toEqual(readFileSync(received));
  });
});
