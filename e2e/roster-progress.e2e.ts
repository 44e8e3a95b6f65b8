import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, shot } from "./support/browser";
import { idNumber, rosterFile } from "./support/roster";
import { type RunningServer, startServer } from "./support/server";
import { signIn } from "./support/sign-in";

let server: RunningServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
const BRANCH = "城关街道幸福社区党支部";
/** Large enough that reading, checking and writing take seconds, as a county's file does. */
const ROWS = 40_000;
const SURNAMES = [..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"];
const GIVEN = [..."伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红梅"];

beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 375, height: 812 });
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail") {
    await shot(page, "FAILED-roster-progress");
    console.error(server.output().slice(-3000));
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function memberTotal(): Promise<number> {
  const res = await page.request.get(`${server.url}/api/members?pageSize=1`);
  return ((await res.json()) as { total: number }).total;
}

/** Row i: one of 3,000 birthdays and one of 14 sequence numbers, so every ID is its own. */
function rows() {
  return Array.from({ length: ROWS }, (_, i) => {
    const birth = new Date(Date.UTC(1960, 0, 1) + (i % 3_000) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const male = Math.floor(i / 3_000) % 2 === 0;
    return {
      name: `${SURNAMES[i % 20]}${GIVEN[Math.floor(i / 20) % 30]}${GIVEN[i % 30]}`,
      male,
      birth,
      id: idNumber(birth, Math.floor(i / 3_000), male),
      org: BRANCH,
    };
  });
}

describe("a large roster on a phone", () => {
  it("shows how far the check and the import have got, then the result", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "wanggui-large-roster-"));
    const file = path.join(dir, "全县党员名册.xlsx");
    writeFileSync(file, await rosterFile(rows()));
    await signIn(page, server, "demo.secretary", { landing: "/members/import" });
    const before = await memberTotal();
    await page.goto(`${server.url}/members/import`);
    await page.locator("input[type=file]").setInputFiles(file);

    const progress = page.getByTestId("roster-progress");
    await expect
      .poll(() => progress.textContent(), { timeout: 60_000 })
      .toMatch(/已检查 [\d,]+ 行/);
    await shot(page, "roster-progress-checking-phone");
    await page.getByText("检查全部通过").waitFor({ timeout: 120_000 });

    await page.getByTestId("confirm-import").click();
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /导\s*入/ })
      .click();
    await expect
      .poll(() => progress.textContent(), { timeout: 60_000 })
      .toMatch(/已写入 [\d,]+ 名党员/);
    await shot(page, "roster-progress-writing-phone");
    await page
      .getByText(`已导入 ${ROWS.toLocaleString("zh-CN")} 名党员`)
      .waitFor({ timeout: 180_000 });
    await shot(page, "roster-progress-done-phone");
    expect(await memberTotal()).toBe(before + ROWS);
  });

  it("lists the first 2,000 problems of a file with more, and says how many there are", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "wanggui-wrong-roster-"));
    const file = path.join(dir, "错用的名册.xlsx");
    const wrong = rows()
      .slice(0, 2_500)
      .map((r) => ({ ...r, org: "不存在的党支部" }));
    writeFileSync(file, await rosterFile(wrong));
    await page.goto(`${server.url}/members/import`);
    await page.locator("input[type=file]").setInputFiles(file);
    const issues = page.getByTestId("roster-issues");
    await issues.waitFor({ timeout: 60_000 });
    await expect
      .poll(() => issues.textContent())
      .toMatch(/共 2,500 行，发现 [\d,]+ 处问题，涉及 2,500 行/);
    await expect
      .poll(() => page.getByTestId("roster-first-issues").textContent())
      .toMatch(/只列出按行号排在前面的 2,000 处/);
    await shot(page, "roster-first-issues-phone");
  });
});
