import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { anonymous, auditCount, call } from "../../orgs/orgs.fixtures.ts";
import { type RegistryTree, registryTree, weibo } from "../registry.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: RegistryTree;
let accountId: number;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await registryTree(ctx);
  const res = await call(app, t.cadreCaller, "POST", "/api/registry/accounts", weibo);
  expect(res.statusCode, res.body).toBe(201);
  accountId = res.json().id;
});

describe("a cadre's public accounts (Art 20)", () => {
  it("are registered by cadres only, and a member without the cadre flag is refused", async () => {
    const res = await call(app, t.member, "POST", "/api/registry/accounts", weibo);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain("党员干部");
    expect((await call(app, t.member, "GET", "/api/registry/accounts/mine")).statusCode).toBe(403);
    expect((await call(app, anonymous, "GET", "/api/registry/accounts/mine")).statusCode).toBe(401);
  });

  it("keep every version: a change appends, the first declaration stays as it was", async () => {
    const before = await auditCount(ctx, "registry.account.revise");
    const url = `/api/registry/accounts/${accountId}/versions`;
    const bare = await call(app, t.cadreCaller, "POST", url, weibo);
    expect(bare.statusCode, bare.body).toBe(400);
    expect(bare.json().error).toMatchObject({ field: "changeNote", message: "请写明修改原因" });
    const blank = await call(app, t.cadreCaller, "POST", url, { ...weibo, changeNote: "   " });
    expect(blank.json().error.field).toBe("changeNote");
    const res = await call(
      app,
      t.cadreCaller,
      "POST",
      `/api/registry/accounts/${accountId}/versions`,
      {
        ...weibo,
        coManagers: "镇党政办 李丽娟、王晓明",
        changeNote: "增加共同管理人",
      },
    );
    expect(res.statusCode, res.body).toBe(200);
    const account = res.json();
    expect(account.current.version).toBe(2);
    expect(account.history.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(account.history[1].coManagers).toBe("镇党政办 李丽娟");
    expect(account.can.revise).toBe(true);
    expect(await auditCount(ctx, "registry.account.revise")).toBe(before + 1);
    const mine = (await call(app, t.cadreCaller, "GET", "/api/registry/accounts/mine")).json();
    expect(mine.items.map((a: { id: number }) => a.id)).toEqual([accountId]);
  });

  it("cannot be changed in place, even by a direct UPDATE", async () => {
    await expect(
      ctx.db.query("UPDATE registry_account_versions SET name = '改名' WHERE account_id = $1", [
        accountId,
      ]),
    ).rejects.toThrow(/append-only/);
    await expect(
      ctx.db.query("DELETE FROM registry_account_versions WHERE account_id = $1", [accountId]),
    ).rejects.toThrow(/append-only/);
  });

  it("refuse bad input at the field, never a 500", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...weibo, platform: "other" }, "platformOther"],
      [{ ...weibo, ownership: "unit", unitName: undefined }, "unitName"],
      [{ ...weibo, since: "2999-01-01" }, "since"],
      [{ ...weibo, link: "javascript:alert(1)" }, "link"],
      [{ ...weibo, name: "" }, "name"],
      [{ ...weibo, platform: "facebook" }, "platform"],
    ];
    for (const [body, field] of cases) {
      const res = await call(app, t.cadreCaller, "POST", "/api/registry/accounts", body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
  });

  it("are read by the secretary of the subtree, with the org path, and each read is audited", async () => {
    await call(app, t.cadre2Caller, "POST", "/api/registry/accounts", {
      ...weibo,
      platform: "other",
      platformOther: "小红书",
      name: "海燕说乡村",
      handle: "haiyan_cun",
      ownership: "personal",
      unitName: undefined,
      link: undefined,
    });
    const before = await auditCount(ctx, "registry.account.list_read");
    const list = await call(app, t.secretary, "GET", "/api/registry/accounts");
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json().items;
    expect(items.map((a: { member: { name: string } }) => a.member.name)).toEqual([
      "赵德胜",
      "钱海燕",
    ]);
    expect(items[0].orgTrail).toBe("青山县委 / 城关镇党委 / 城关镇第一党支部");
    expect(items[0].can.revise).toBe(false);
    expect(await auditCount(ctx, "registry.account.list_read")).toBe(before + 1);

    const page1 = (await call(app, t.discipline, "GET", "/api/registry/accounts?limit=1")).json();
    expect(page1.items).toHaveLength(1);
    const page2 = (
      await call(
        app,
        t.discipline,
        "GET",
        `/api/registry/accounts?limit=1&after=${page1.nextCursor}`,
      )
    ).json();
    expect(page2.items[0].member.name).toBe("钱海燕");
    expect(page2.nextCursor).toBeNull();

    const reads = await auditCount(ctx, "registry.account.read");
    const one = await call(app, t.secretary, "GET", `/api/registry/accounts/${accountId}`);
    expect(one.json().history).toHaveLength(2);
    expect(await auditCount(ctx, "registry.account.read")).toBe(reads + 1);
    // Reading one's own entry is not a read of another person's.
    await call(app, t.cadreCaller, "GET", `/api/registry/accounts/${accountId}`);
    expect(await auditCount(ctx, "registry.account.read")).toBe(reads + 1);
  });

  it("are only the cadre's to change: the secretary is refused", async () => {
    const res = await call(
      app,
      t.secretary,
      "POST",
      `/api/registry/accounts/${accountId}/versions`,
      weibo,
    );
    expect(res.statusCode).toBe(403);
    const other = await call(
      app,
      t.cadre2Caller,
      "POST",
      `/api/registry/accounts/${accountId}/versions`,
      weibo,
    );
    expect(other.statusCode).toBe(404);
  });

  it("are invisible to the sibling subtree and to members", async () => {
    const list = await call(app, t.siblingSecretary, "GET", "/api/registry/accounts");
    expect(list.json().items).toEqual([]);
    const byOrg = await call(
      app,
      t.siblingSecretary,
      "GET",
      `/api/registry/accounts?orgId=${t.town.id}`,
    );
    expect(byOrg.statusCode).toBe(404);
    expect(
      (await call(app, t.siblingSecretary, "GET", `/api/registry/accounts/${accountId}`))
        .statusCode,
    ).toBe(404);
    const xlsx = await call(
      app,
      t.siblingSecretary,
      "GET",
      `/api/registry/accounts.xlsx?orgId=${t.town.id}`,
    );
    expect(xlsx.statusCode).toBe(404);
    expect(
      (await call(app, t.otherCadreCaller, "GET", `/api/registry/accounts/${accountId}`))
        .statusCode,
    ).toBe(404);
    expect((await call(app, t.member, "GET", "/api/registry/accounts")).statusCode).toBe(403);
    expect((await call(app, t.propaganda, "GET", "/api/registry/accounts")).statusCode).toBe(403);
  });

  it("export to Excel with the org path on every row and the exporter's watermark", async () => {
    const res = await call(
      app,
      t.secretary,
      "GET",
      `/api/registry/accounts.xlsx?orgId=${t.town.id}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error("no sheet");
    const text = (r: number, c: number) => String(sheet.getRow(r).getCell(c).value ?? "");
    expect(text(1, 1)).toBe("城关镇党委党员干部网络公众账号登记表");
    expect(text(2, 1)).toContain("导出人");
    expect(text(5, 2)).toBe("青山县委 / 城关镇党委 / 城关镇第一党支部");
    expect(text(5, 5)).toBe("微博");
    expect(text(6, 5)).toBe("其他：小红书");
    expect(text(5, 9)).toBe("单位（城关镇人民政府）");
    expect(await auditCount(ctx, "registry.account.export")).toBe(1);
  });
});
