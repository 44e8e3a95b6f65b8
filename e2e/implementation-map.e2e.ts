import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, shot } from "./support/browser";
import { type RunningServer, startServer } from "./support/server";
import { signIn } from "./support/sign-in";

let server: RunningServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let member: Page;
let county: Page;
let practised = 0;

beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser();
  // One page: the member answers first, then the county signs in on it afresh.
  member = await browser.context.newPage();
  county = member;
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail") {
    await shot(county, "map-FAILED-county");
    console.error(server.output().slice(-3000));
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function api(page: Page, method: "GET" | "POST", path: string, body?: unknown) {
  const session = await page.request.get(`${server.url}/api/auth/session`);
  const csrf = (await session.json()).csrfToken as string;
  const res = await page.request.fetch(`${server.url}/api${path}`, {
    method,
    headers: { "x-csrf-token": csrf, "content-type": "application/json" },
    ...(body === undefined ? {} : { data: JSON.stringify(body) }),
  });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return res.json();
}

/**
 * 落实情况 read from above: after a member of the demo branch (河西区) has answered today's
 * practice on Article 19, the city's 纪检 sees those answers under it, filters the articles
 * studied but never checked and files the sheet; 东湖县's committee, another district, sees none.
 */
describe("the city reads how the regulation is put into practice", () => {
  it("the branch secretary approves two questions on Article 19; a member answers them in practice", async () => {
    await signIn(member, server, "demo.secretary", { newPassword: "Dangwu#Shuji2026" });
    const session = await api(member, "GET", "/auth/session");
    const branchId = session.grants[0].orgId as number;
    const articles = (await api(member, "GET", "/study/articles")).items as {
      id: number;
      number: number;
    }[];
    const art19 = articles.find((a) => a.number === 19)?.id;
    for (const stem of [
      "党员干部可以以职务身份开展直播带货。",
      "党员干部可以以职务身份从事网络借贷。",
    ]) {
      const q = await api(member, "POST", "/study/questions", {
        orgId: branchId,
        type: "true_false",
        stem,
        answer: ["false"],
        explanation: "第十九条明确不得",
        articleIds: [art19],
      });
      await api(member, "POST", `/study/questions/${q.id}/review`, { decision: "approve" });
    }
    await signIn(member, server, "demo.member", { newPassword: "Lianxi#Meiri2026", fresh: true });
    const day = await api(member, "GET", "/study/practice/today");
    // 每日一练 draws one question per article due, so both questions on Article 19 may not come.
    practised = day.questions.length;
    expect(practised).toBeGreaterThan(0);
    for (const q of day.questions) {
      await api(member, "POST", "/study/practice/answers", { questionId: q.id, answer: ["false"] });
    }
  });

  it("the city's 纪检 opens 落实情况 from the menu and sees the answers under their article", async () => {
    await signIn(county, server, "demo.discipline", {
      newPassword: "Jijian#Luoshi2026",
      fresh: true,
    });
    await county.getByRole("menuitem", { name: "落实情况" }).click();
    await county.getByText("《规定》落实情况").first().waitFor();
    await county.locator("canvas").first().waitFor();
    const studied = county.locator(".ant-statistic").filter({ hasText: "已学习" });
    expect(
      Number(await studied.locator(".ant-statistic-content-value").textContent()),
    ).toBeGreaterThan(0);
    await shot(county, "map-desktop");
  });

  it("filters the articles studied but never checked, each linking to its text", async () => {
    await county.getByText("学而未查", { exact: true }).first().click();
    const rows = county.locator(".ant-table-tbody tr.ant-table-row");
    await rows.first().waitFor();
    const tags = await county.locator(".ant-table-tbody .ant-tag").allTextContents();
    expect(tags.length).toBeGreaterThan(0);
    expect(new Set(tags)).toEqual(new Set(["学而未查"]));
    const link = rows.first().getByRole("link");
    expect(await link.getAttribute("href")).toMatch(/^\/regulations\/\d+\/articles\/\d+$/);
  });

  it("exports the sheet with its title and one row per article", async () => {
    const [download] = await Promise.all([
      county.waitForEvent("download"),
      county.getByRole("link", { name: /导出 Excel/ }).click(),
    ]);
    const file = await download.path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(readFileSync(file)).buffer);
    const sheet = book.getWorksheet("落实情况");
    expect(String(sheet?.getCell("A1").value)).toMatch(/《中国共产党党员网络行为规定》落实情况$/);
    const labels = (sheet?.getColumn(1).values ?? []).map(String).filter((v) => /^第.+条$/.test(v));
    expect(labels.length).toBeGreaterThan(30);
  });

  it("reads at phone width", async () => {
    await county.setViewportSize({ width: 375, height: 812 });
    await county.reload();
    await county.locator("canvas").first().waitFor();
    await shot(county, "map-phone");
    const overflow = await county.evaluate(() => {
      const g = globalThis as unknown as {
        innerWidth: number;
        document: { documentElement: { scrollWidth: number } };
      };
      return g.document.documentElement.scrollWidth - g.innerWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it("东湖县's committee, beside 河西区, sees nothing of the branch's study", async () => {
    await county.setViewportSize({ width: 1440, height: 900 });
    await signIn(county, server, "demo.county", {
      newPassword: "Xianwei#Luoshi2026",
      fresh: true,
    });
    await county.getByRole("menuitem", { name: "落实情况" }).click();
    await county.getByText("该范围内还没有学习和对照检查记录").waitFor();
    const studied = county.locator(".ant-statistic").filter({ hasText: "已学习" });
    expect(await studied.locator(".ant-statistic-content-value").textContent()).toBe("0");
  });

  it("东湖县's committee compares its subordinates, drills down to a town, and exports", async () => {
    await county.getByRole("menuitem", { name: "下级对比" }).click();
    const rows = county.locator(".ant-table-tbody tr.ant-table-row");
    await rows.filter({ hasText: "东湖县卫生健康局党总支" }).waitFor();
    expect(await rows.count()).toBe(2);
    // Nobody has met yet: every branch of the town counts as without a 组织生活会.
    const town = rows.filter({ hasText: "中共东湖县东湖镇委员会" });
    expect(await town.getByText("3 / 3 个支部").count()).toBe(1);
    await shot(county, "subordinates-desktop");
    const [download] = await Promise.all([
      county.waitForEvent("download"),
      county.getByRole("link", { name: /导出 Excel/ }).click(),
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(readFileSync(await download.path())).buffer);
    const sheet = book.getWorksheet("下级组织对比");
    expect(String(sheet?.getCell("A1").value)).toMatch(
      /^中共青山市东湖县委员会下级组织落实情况对比/,
    );

    await town
      .getByRole("link", { name: "中共东湖县东湖镇委员会" })
      .or(town.locator("a", { hasText: "中共东湖县东湖镇委员会" }))
      .first()
      .click();
    await rows.filter({ hasText: "东湖镇渔港村党支部" }).waitFor();
    await county.locator(".ant-breadcrumb").getByText("中共东湖县东湖镇委员会").waitFor();
    expect(await rows.count()).toBe(3);
    await county.setViewportSize({ width: 375, height: 812 });
    await shot(county, "subordinates-phone");
    const overflow = await county.evaluate(() => {
      const g = globalThis as unknown as {
        innerWidth: number;
        document: { documentElement: { scrollWidth: number } };
      };
      return g.document.documentElement.scrollWidth - g.innerWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    // Nor inside the table: each branch's figures stand under its name, labelled.
    const sideways = await county.locator(".ant-table-content").evaluate((el) => {
      const box = el as unknown as { scrollWidth: number; clientWidth: number };
      return box.scrollWidth - box.clientWidth;
    });
    expect(sideways).toBeLessThanOrEqual(0);
    const port = rows.filter({ hasText: "东湖镇渔港村党支部" });
    expect(await port.getByText("整改逾期").isVisible()).toBe(true);
    expect(await port.getByText("1 / 1 个支部").isVisible()).toBe(true);
  });
});
