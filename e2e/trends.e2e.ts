import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, shot } from "./support/browser";
import { type RunningServer, startServer } from "./support/server";
import { signIn } from "./support/sign-in";

let server: RunningServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser();
  page = await browser.context.newPage();
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail") {
    await shot(page, "trends-FAILED");
    console.error(server.output().slice(-3000));
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * 按月趋势 on 下级对比: 东湖县's committee reads twelve months of its whole county from the
 * rollups, folded in the background after the demo was seeded, on a desktop and on a phone,
 * with the time of the last fold and the metric groups to switch between.
 */
describe("a county reads its trends by month", () => {
  it("shows the chart of the county's months once the demo's facts are folded", async () => {
    await signIn(page, server, "demo.county", { newPassword: "Dongxian#Quwei2026" });
    const session = await (await page.request.get(`${server.url}/api/auth/session`)).json();
    const orgId = session.grants[0].orgId as number;
    // The start queues a fold; the county's members appear once it has run.
    await expect
      .poll(
        async () => {
          const res = await page.request.get(`${server.url}/api/dashboards/trends?orgId=${orgId}`);
          const body = await res.json();
          return body.months?.at(-1)?.members ?? 0;
        },
        { timeout: 90_000, interval: 1_000 },
      )
      .toBeGreaterThan(0);
    await page.goto(`${server.url}/subordinates`);
    await page.getByRole("heading", { name: "按月趋势" }).waitFor();
    const chart = page.locator("canvas").first();
    await chart.waitFor();
    // The totals say how current they are: a fold has run, so a time and not "not yet".
    await expect
      .poll(async () => (await page.getByTestId("trend-as-of").textContent()) ?? "")
      .toMatch(/^数据截至 (\d{4}-\d\d-\d\d )?\d\d:\d\d$/);
    await shot(page, "trends-county-1440");
    await page.getByText("组织生活", { exact: true }).click();
    await shot(page, "trends-county-life-1440");
    await page.setViewportSize({ width: 375, height: 800 });
    await page.getByRole("heading", { name: "按月趋势" }).scrollIntoViewIfNeeded();
    const box = await chart.boundingBox();
    expect(box?.width ?? 999).toBeLessThanOrEqual(375);
    await shot(page, "trends-county-375");
    // A county secretary handles cases: the report and discipline group is theirs to see.
    await page.getByRole("combobox", { name: "指标" }).click();
    await page.locator(".ant-select-item-option", { hasText: "举报与纪律审查" }).click();
    await page.getByText("纪律审查案件 1–2 件时显示为「<3」", { exact: false }).waitFor();
    await shot(page, "trends-county-cases-375");
  }, 180_000);
});
