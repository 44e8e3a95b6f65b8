import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { auditCount, type Caller, call } from "../../orgs/orgs.fixtures.ts";
import { type RegistryTree, registryTree, weibo } from "../registry.fixtures.ts";
import { noticeOverdue, remindBeforeDue } from "./attestation-notices.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: RegistryTree;
let campaignId: number;
const PASSWORD = "Wanggui-2024-test";
const inDays = (n: number) =>
  new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

/** Messages of one kind this campaign sent to each member's account, by member name. */
async function told(kind: string): Promise<string[]> {
  const r = await ctx.db.query<{ name: string }>(
    `SELECT coalesce(m.name, u.display_name) AS name FROM notifications n
       JOIN users u ON u.id = n.user_id LEFT JOIN members m ON m.id = u.member_id
      WHERE n.kind = $1 AND n.source_id = $2 ORDER BY 1`,
    [kind, String(campaignId)],
  );
  return r.rows.map((row) => row.name);
}

const tasks = async (who: Caller) =>
  (await call(app, who, "GET", "/api/workbench")).json().tasks as { kind: string; link: string }[];

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await registryTree(ctx);
  await call(app, t.cadreCaller, "POST", "/api/registry/accounts", weibo);
  const res = await call(app, t.secretary, "POST", "/api/registry/campaigns", {
    orgId: t.town.id,
    year: 2026,
    dueOn: inDays(10),
  });
  expect(res.statusCode, res.body).toBe(201);
  campaignId = res.json().id;
});

describe("the annual attestation of public accounts", () => {
  it("reaches the cadres of the subtree only, in the inbox and on the workbench", async () => {
    expect(await told("registry.attestation_opened")).toEqual(["赵德胜", "钱海燕"]);
    expect((await tasks(t.cadreCaller)).map((x) => x.link)).toContain(
      `/registry/attest/${campaignId}`,
    );
    // 王建国 is a member but not a cadre: Art 18-20 do not bind him, so nothing asks him.
    expect((await tasks(t.member)).filter((x) => x.kind === "attestation")).toEqual([]);
    expect((await tasks(t.otherCadreCaller)).filter((x) => x.kind === "attestation")).toEqual([]);
    const jobs = await ctx.db.query<{ key: string }>(
      "SELECT key FROM graphile_worker.jobs WHERE key LIKE $1 ORDER BY key",
      [`registry_attestation_%:${campaignId}`],
    );
    expect(jobs.rows.map((r) => r.key)).toEqual([
      `registry_attestation_due_near:${campaignId}`,
      `registry_attestation_overdue:${campaignId}`,
    ]);
  });

  it("refuses a second campaign for the same year, a past deadline and other people", async () => {
    const body = { orgId: t.town.id, year: 2026, dueOn: inDays(10) };
    expect((await call(app, t.secretary, "POST", "/api/registry/campaigns", body)).statusCode).toBe(
      409,
    );
    const past = await call(app, t.secretary, "POST", "/api/registry/campaigns", {
      ...body,
      year: 2027,
      dueOn: inDays(-1),
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.field).toBe("dueOn");
    const sibling = await call(app, t.siblingSecretary, "POST", "/api/registry/campaigns", {
      ...body,
      year: 2027,
    });
    expect(sibling.statusCode).toBe(404);
    for (const who of [t.member, t.discipline, t.cadreCaller]) {
      const res = await call(app, who, "POST", "/api/registry/campaigns", { ...body, year: 2027 });
      expect(res.statusCode).toBe(403);
    }
  });

  it("refuses a wrong password, audits it and records nothing", async () => {
    const failed = await auditCount(ctx, "registry.attestation.sign_failed");
    const res = await call(
      app,
      t.cadreCaller,
      "POST",
      `/api/registry/campaigns/${campaignId}/sign`,
      {
        confirm: true,
        password: "not-my-password",
      },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe("password");
    expect(await auditCount(ctx, "registry.attestation.sign_failed")).toBe(failed + 1);
    const rows = await ctx.db.query("SELECT 1 FROM registry_attestations");
    expect(rows.rowCount).toBe(0);
  });

  it("records the accounts and versions a cadre confirmed, once, by password", async () => {
    const res = await call(
      app,
      t.cadreCaller,
      "POST",
      `/api/registry/campaigns/${campaignId}/sign`,
      {
        confirm: true,
        password: PASSWORD,
      },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().statement).toContain("共1个（其中在用1个）");
    expect(res.json().signedAt).not.toBeNull();
    const row = await ctx.db.query<{ confirmed: unknown }>(
      "SELECT confirmed FROM registry_attestations WHERE campaign_id = $1",
      [campaignId],
    );
    expect(row.rows[0]?.confirmed).toEqual([{ id: expect.any(Number), version: 1 }]);
    const again = await call(
      app,
      t.cadreCaller,
      "POST",
      `/api/registry/campaigns/${campaignId}/sign`,
      {
        confirm: true,
        password: PASSWORD,
      },
    );
    expect(again.statusCode).toBe(409);
    expect((await tasks(t.cadreCaller)).filter((x) => x.kind === "attestation")).toEqual([]);
    await expect(
      ctx.db.query("UPDATE registry_attestations SET statement = '' WHERE campaign_id = $1", [
        campaignId,
      ]),
    ).rejects.toThrow(/append-only/);
  });

  it("is signed only by the cadres it covers", async () => {
    const body = { confirm: true, password: PASSWORD };
    const url = `/api/registry/campaigns/${campaignId}/sign`;
    expect((await call(app, t.member, "POST", url, body)).statusCode).toBe(403);
    expect((await call(app, t.otherCadreCaller, "POST", url, body)).statusCode).toBe(404);
    const unticked = await call(app, t.cadre2Caller, "POST", url, { ...body, confirm: false });
    expect(unticked.statusCode).toBe(400);
  });

  it("shows the secretary who signed and who has not; the sibling town sees nothing", async () => {
    const all = await call(app, t.secretary, "GET", `/api/registry/campaigns/${campaignId}`);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().campaign).toMatchObject({ cadres: 2, signed: 1, overdue: false });
    const unsigned = (
      await call(app, t.discipline, "GET", `/api/registry/campaigns/${campaignId}?status=unsigned`)
    ).json();
    expect(unsigned.items.map((r: { name: string }) => r.name)).toEqual(["钱海燕"]);
    const list = (await call(app, t.secretary, "GET", "/api/registry/campaigns")).json();
    expect(list.items.map((c: { id: number }) => c.id)).toEqual([campaignId]);
    expect(
      (await call(app, t.siblingSecretary, "GET", "/api/registry/campaigns")).json().items,
    ).toEqual([]);
    const sibling = await call(
      app,
      t.siblingSecretary,
      "GET",
      `/api/registry/campaigns/${campaignId}`,
    );
    expect(sibling.statusCode).toBe(404);
    expect(
      (await call(app, t.cadreCaller, "GET", `/api/registry/campaigns/${campaignId}`)).statusCode,
    ).toBe(403);
    const mine = (await call(app, t.cadre2Caller, "GET", "/api/registry/attestations/mine")).json();
    expect(mine.items).toMatchObject([{ campaign: { id: campaignId }, signedAt: null }]);
  });

  it("reminds the unsigned before the deadline and lists the overdue for the secretaries", async () => {
    expect(await remindBeforeDue(ctx.db, campaignId)).toBe(1);
    expect(await told("registry.attestation_due")).toEqual(["钱海燕"]);
    expect(await noticeOverdue(ctx.db, campaignId)).toBe(1);
    expect(await told("registry.attestation_overdue")).toEqual(["钱海燕"]);
    const secretaries = await told("registry.attestation_overdue_list");
    expect(secretaries).toHaveLength(1);
    await call(app, t.cadre2Caller, "POST", `/api/registry/campaigns/${campaignId}/sign`, {
      confirm: true,
      password: PASSWORD,
    });
    expect(await remindBeforeDue(ctx.db, campaignId)).toBe(0);
  });
});
