import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { auditCount, type Caller, call } from "../../orgs/orgs.fixtures.ts";
import { type RegistryTree, registryTree } from "../registry.fixtures.ts";
import { remindUndeclared } from "./declaration-notices.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: RegistryTree;
let campaignId: number;
let declarationId: number;
const inDays = (n: number) =>
  new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

const none = { assetsNone: true, assets: [], activitiesNone: true, activities: [] };
const gift = {
  kind: "game_item",
  description: "某网络游戏账号内的限定皮肤装备一套",
  source: "辖区某科技公司负责人，节日期间",
  receivedOn: "2026-02-10",
  handover: "次日上交镇纪委，已退还赠送人",
  handedOverOn: "2026-02-11",
};
const liveSale = {
  kind: "live_sales",
  description: "以副镇长身份参加县农产品公益直播带货一场",
  platform: "抖音",
  period: "2026年6月18日",
  approval: "县委宣传部批准（青宣〔2026〕12号）",
};

const declare = (who: Caller, body: unknown) =>
  call(app, who, "POST", `/api/registry/declaration-campaigns/${campaignId}/declarations`, body);
const tasks = async (who: Caller) =>
  ((await call(app, who, "GET", "/api/workbench")).json().tasks as { kind: string }[]).filter(
    (x) => x.kind === "declaration",
  );

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await registryTree(ctx);
  const res = await call(app, t.secretary, "POST", "/api/registry/declaration-campaigns", {
    orgId: t.town.id,
    kind: "annual",
    title: "2026年度党员干部个人有关事项报告",
    periodFrom: "2026-01-01",
    periodTo: "2026-12-31",
    dueOn: inDays(14),
  });
  expect(res.statusCode, res.body).toBe(201);
  campaignId = res.json().id;
});

describe("declarations of 网络虚拟财物 and online business (Art 18, 19)", () => {
  it("ask the cadres of the subtree only", async () => {
    const told = await ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM notifications WHERE kind = 'registry.declaration_opened'",
    );
    expect(told.rows[0]?.n).toBe(2);
    expect(await tasks(t.cadreCaller)).toHaveLength(1);
    expect(await tasks(t.member)).toEqual([]);
    expect((await declare(t.member, none)).statusCode).toBe(403);
    expect((await declare(t.otherCadreCaller, none)).statusCode).toBe(404);
  });

  it("take a declaration of none, and refuse a list that contradicts it", async () => {
    const bad = await declare(t.cadreCaller, { ...none, assets: [gift] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("assets");
    const res = await declare(t.cadreCaller, none);
    expect(res.statusCode, res.body).toBe(200);
    declarationId = res.json().id;
    expect(res.json().versions).toHaveLength(1);
    expect(await tasks(t.cadreCaller)).toEqual([]);
  });

  it("append amendments with their reason; nothing earlier is overwritten", async () => {
    const amended = { assetsNone: false, assets: [gift], activitiesNone: true, activities: [] };
    const noReason = await declare(t.cadreCaller, amended);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.field).toBe("changeNote");
    const res = await declare(t.cadreCaller, {
      ...amended,
      changeNote: "补报节日期间收受的游戏装备",
    });
    expect(res.statusCode, res.body).toBe(200);
    const versions = res.json().versions;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions[1].assets).toEqual([]);
    expect(versions[0].assets[0].handover).toBe(gift.handover);
    expect(await auditCount(ctx, "registry.declaration.amend")).toBe(1);
    await expect(
      ctx.db.query(
        "UPDATE registry_declaration_versions SET assets = '[]' WHERE declaration_id = $1",
        [declarationId],
      ),
    ).rejects.toThrow(/append-only/);
  });

  it("show overseers who declared, who did not and who declared something", async () => {
    const url = `/api/registry/declaration-campaigns/${campaignId}`;
    const undeclared = (await call(app, t.discipline, "GET", `${url}?status=undeclared`)).json();
    expect(undeclared.items.map((r: { name: string }) => r.name)).toEqual(["钱海燕"]);
    expect(await remindUndeclared(ctx.db, campaignId)).toBe(1);
    await declare(t.cadre2Caller, { ...none, activitiesNone: false, activities: [liveSale] });
    const all = (await call(app, t.secretary, "GET", url)).json();
    expect(all.campaign).toMatchObject({ cadres: 2, declared: 2 });
    const withItems = (await call(app, t.secretary, "GET", `${url}?status=with_items`)).json();
    expect(
      withItems.items.map((r: { name: string; assets: number; activities: number }) => [
        r.name,
        r.assets,
        r.activities,
      ]),
    ).toEqual([
      ["赵德胜", 1, 0],
      ["钱海燕", 0, 1],
    ]);
    expect((await call(app, t.siblingSecretary, "GET", url)).statusCode).toBe(404);
    expect(
      (await call(app, t.siblingSecretary, "GET", "/api/registry/declaration-campaigns")).json()
        .items,
    ).toEqual([]);
    expect((await call(app, t.cadreCaller, "GET", url)).statusCode).toBe(403);
  });

  it("take the overseers' findings, a hook a discipline case can be opened from", async () => {
    const reads = await auditCount(ctx, "registry.declaration.read");
    const open = await call(
      app,
      t.discipline,
      "GET",
      `/api/registry/declarations/${declarationId}`,
    );
    expect(open.statusCode).toBe(200);
    expect(open.json().can).toEqual({ amend: false, recordFinding: true });
    expect(await auditCount(ctx, "registry.declaration.read")).toBe(reads + 1);
    const url = `/api/registry/declarations/${declarationId}/findings`;
    const finding = { finding: "收受时间与上交时间相符，建议约谈提醒", referToCase: true };
    expect((await call(app, t.siblingSecretary, "POST", url, finding)).statusCode).toBe(404);
    expect((await call(app, t.cadreCaller, "POST", url, finding)).statusCode).toBe(403);
    const res = await call(app, t.discipline, "POST", url, finding);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ version: 2, referToCase: true });
    const seen = (
      await call(app, t.secretary, "GET", `/api/registry/declarations/${declarationId}`)
    ).json();
    expect(seen.findings.map((f: { finding: string }) => f.finding)).toEqual([finding.finding]);
    // The findings are the overseers' notes, not shown on the cadre's own page.
    const own = (
      await call(app, t.cadreCaller, "GET", `/api/registry/declarations/${declarationId}`)
    ).json();
    expect(own.findings).toEqual([]);
    const flagged = (
      await call(
        app,
        t.secretary,
        "GET",
        `/api/registry/declaration-campaigns/${campaignId}?status=with_findings`,
      )
    ).json();
    expect(flagged.items.map((r: { name: string }) => r.name)).toEqual(["赵德胜"]);
    const mine = (await call(app, t.cadreCaller, "GET", "/api/registry/declarations/mine")).json();
    expect(mine.items).toMatchObject([{ declarationId, version: 2 }]);
  });
});
