import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { auditCount, type Caller, call } from "../../orgs/orgs.fixtures.ts";
import { type CasesTree, casesTree } from "../cases.fixtures.ts";
import { daysPass, decision, FACTS, openCase, provisionIds } from "./discipline.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: CasesTree;

const post = (who: Caller, url: string, body: object = {}) => call(app, who, "POST", url, body);

/** A case on `memberId` decided with `measure` under `articles`, without a defence. */
async function decided(memberId: number, articles: number[], measure: string) {
  const c = await openCase(app, t.branchSecretary, memberId, {
    provisionIds: await provisionIds(app, t.branchSecretary, articles),
  });
  await post(t.branchSecretary, `/api/discipline/${c.id}/notice`, { facts: FACTS, defenceDays: 3 });
  await daysPass(ctx, c.id, 4);
  const ids = await provisionIds(app, t.branchSecretary, articles);
  const res = await post(
    t.branchSecretary,
    `/api/discipline/${c.id}/decision`,
    decision(ids, { measure }),
  );
  expect(res.statusCode).toBe(200);
}

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await casesTree(ctx);
  await decided(t.liu.id, [10], "warning");
  await decided(t.chen.id, [10, 12], "criticism");
  const dismissed = await openCase(app, t.branchSecretary, t.chen.id, {
    provisionIds: await provisionIds(app, t.branchSecretary, [15]),
  });
  await post(t.branchSecretary, `/api/discipline/${dismissed.id}/dismiss`, {
    reasons: "经查，反映问题不属实。",
  });
  await openCase(app, t.branchSecretary, t.liu.id);
});

type Shown = number | "<3" | null;
type Row = { measures: Record<string, Shown> } & Record<string, unknown>;
const isHidden = (v: unknown) => typeof v !== "number";

/**
 * Every group whose parts add up to a total: the total must be hidden whenever a part is,
 * or the total minus the parts shown gives the hidden count back.
 */
function expectNothingRecoverable(stats: { byOrg: Row[]; byArticle: Row[] }) {
  for (const o of stats.byOrg) {
    if (Object.values(o.measures).some(isHidden)) expect(isHidden(o.decided)).toBe(true);
    if ([o.inProgress, o.decided, o.dismissed].some(isHidden)) {
      expect(isHidden(o.opened)).toBe(true);
    }
  }
  for (const a of stats.byArticle) {
    if (Object.values(a.measures).some(isHidden)) expect(isHidden(a.applied)).toBe(true);
  }
  // Nothing below the floor is published as a number anywhere.
  const numbers = JSON.stringify([stats.byOrg, stats.byArticle]).match(/":(1|2)[,}]/g);
  expect(numbers).toBeNull();
}

describe("discipline statistics", () => {
  it("counts per org and per article, publishing counts of one or two as <3", async () => {
    const res = await call(app, t.discipline, "GET", "/api/discipline/stats");
    expect(res.statusCode).toBe(200);
    const stats = res.json();
    expect(stats.floor).toBe(3);
    // 4 opened: 1 under investigation, 2 decided (警告, 批评教育), 1 dismissed. Each part is
    // under the floor, so the total that would add them up is withheld.
    expect(stats.byOrg).toEqual([
      {
        orgId: t.branch.id,
        orgName: expect.stringContaining("第一党支部"),
        opened: null,
        inProgress: "<3",
        decided: "<3",
        dismissed: "<3",
        measures: { warning: "<3", criticism: "<3" },
      },
    ]);
    const article = (n: number) => stats.byArticle.find((a: { number: number }) => a.number === n);
    expect(article(10)).toMatchObject({
      label: "第十条",
      cited: 3,
      applied: "<3",
      measures: { warning: "<3", criticism: "<3" },
    });
    expect(article(12)).toMatchObject({
      cited: "<3",
      applied: "<3",
      measures: { criticism: "<3" },
    });
    expect(article(15)).toMatchObject({ cited: "<3", applied: 0, measures: {} });
    expect(stats.measures.map((m: { label: string }) => m.label)).toContain("留党察看");
    expectNothingRecoverable(stats);
  });

  it("withholds a total that would give back a count under the floor by differencing", async () => {
    // Three more 警告 under 第十条: 4 警告 and 1 批评教育 in all under it.
    for (const m of [t.chen.id, t.liu.id, t.chen.id]) await decided(m, [10], "warning");
    const stats = (await call(app, t.discipline, "GET", "/api/discipline/stats")).json();
    const tenth = stats.byArticle.find((a: { number: number }) => a.number === 10);
    // Applied 5 = 警告 4 + 批评教育 1: publishing 5 would give the single 批评教育 away.
    expect(tenth.measures).toEqual({ warning: 4, criticism: "<3" });
    expect(tenth.applied).toBeNull();
    expect(tenth.cited).toBe(6);
    const branch = stats.byOrg[0];
    expect(branch.measures).toEqual({ warning: 4, criticism: "<3" });
    expect(branch.decided).toBeNull();
    expect(branch.opened).toBeNull();
    expectNothingRecoverable(stats);
  });

  it("exports the same floored counts as a sheet, and audits the export", async () => {
    const before = await auditCount(ctx, "discipline.stats.export");
    const res = await call(app, t.discipline, "GET", "/api/discipline/stats.xlsx");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.worksheets[0]?.eachRow((row) => {
      cells.push((row.values as unknown[]).map((v) => String(v ?? "")).join("|"));
    });
    const tenth = cells.find((line) => line.includes("按条款|第十条"));
    expect(tenth).toContain("|6|不公布|");
    expect(tenth).toContain("<3");
    expect(cells.join("\n")).toContain("不公布");
    expect(await auditCount(ctx, "discipline.stats.export")).toBe(before + 1);
    expect((await call(app, t.filer, "GET", "/api/discipline/stats.xlsx")).statusCode).toBe(403);
  });

  it("shows a sibling subtree nothing, and a member no statistics at all", async () => {
    const sibling = (await call(app, t.siblingDiscipline, "GET", "/api/discipline/stats")).json();
    expect(sibling.byOrg).toEqual([]);
    expect(sibling.byArticle).toEqual([]);
    expect((await call(app, t.filer, "GET", "/api/discipline/stats")).statusCode).toBe(403);
  });

  it("narrows to cases opened within the dates", async () => {
    const later = (
      await call(app, t.discipline, "GET", "/api/discipline/stats?from=2099-01-01")
    ).json();
    expect(later.byOrg).toEqual([]);
  });
});
