import { mkdirSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, shot } from "./support/browser";
import { openOption } from "./support/select";
import { type RunningServer, startServer } from "./support/server";
import { currentPassword, signIn } from "./support/sign-in";

let server: RunningServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
let cadre = "";
let memberId = 0;
const ACCOUNT = "幸福社区邻里之声";
/** Where the register's Excel export is kept for a look in LibreOffice. */
const OUT = process.env.REGISTRY_OUT ?? path.join(import.meta.dirname, "screenshots");

/** A date `days` from today in China, as the date inputs take it. */
const inDays = (days: number) =>
  new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
const ok = () =>
  page
    .getByRole("dialog")
    .getByRole("button", { name: /确\s?定|OK/ })
    .click();
const option = (text: string | RegExp) => openOption(page, text);
const dialog = () => page.getByRole("dialog");
const snap = (name: string) => shot(page, `registry-${name}`);

beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser();
  page = await browser.context.newPage();
  mkdirSync(OUT, { recursive: true });
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail") {
    await snap(`FAILED-${ctx.task.name.slice(0, 30).replace(/\W+/g, "-")}`);
    console.error(server.output().slice(-3000));
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The secretary's own API call for what this journey does not test by hand (the roster). */
async function api(method: "PATCH", urlPath: string, body: unknown) {
  const session = await page.request.get(`${server.url}/api/auth/session`);
  const csrf = (await session.json()).csrfToken as string;
  const res = await page.request.fetch(`${server.url}/api${urlPath}`, {
    method,
    headers: { "x-csrf-token": csrf, "content-type": "application/json" },
    data: JSON.stringify(body),
  });
  if (!res.ok()) throw new Error(`${method} ${urlPath}: ${res.status()} ${await res.text()}`);
  return res.json();
}

/**
 * The branch secretary marks a member as a cadre and starts the year's attestation and a
 * declaration; the cadre registers an account, signs with the password and declares, then
 * amends; the secretary sees the coverage change and records a finding.
 */
describe("a cadre's register, attestation and declaration", () => {
  it("a member who is not a cadre is told the register is not theirs", async () => {
    await signIn(page, server, "demo.member", { fresh: true });
    const res = await page.request.get(`${server.url}/api/auth/session`);
    const session = (await res.json()) as { user: { displayName: string; memberId: number } };
    cadre = session.user.displayName.split("（")[0] ?? "";
    memberId = session.user.memberId;
    expect(memberId).toBeGreaterThan(0);
    // The menu offers the register to cadres only; its address still explains itself.
    await page.getByRole("menuitem", { name: /规定学习/ }).waitFor();
    expect(await page.getByRole("menuitem", { name: /我的网络账号/ }).count()).toBe(0);
    await page.goto(`${server.url}/registry`);
    await page.getByText("本登记只由党员干部填写").waitFor();
  });

  it("the secretary marks the member as a cadre and starts both campaigns", async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, server, "demo.secretary", { fresh: true });
    await api("PATCH", `/members/${memberId}`, { isCadre: true, position: "社区居委会副主任" });
    await page.goto(`${server.url}/registry-admin?tab=attestations`);
    await page.getByRole("button", { name: "发起年度确认" }).click();
    await dialog().getByLabel("截止日期").fill(inDays(20));
    await ok();
    await page.getByText("已确认 0 / ").first().waitFor();

    await page.getByRole("tab", { name: "有关事项报告" }).click();
    await page.getByRole("button", { name: "发起报告" }).click();
    await dialog().getByLabel("截止日期").fill(inDays(25));
    await ok();
    await page.getByText("已报告 0 / ").first().waitFor();
    await snap("secretary-campaigns");
  });

  it("the cadre finds both tasks on the workbench and registers an account", async () => {
    await signIn(page, server, "demo.member", { fresh: true });
    await page.goto(`${server.url}/workbench`);
    await page.getByText("账号登记确认").first().waitFor();
    await page.getByText("有关事项报告").first().waitFor();
    await page.getByRole("menuitem", { name: /我的网络账号/ }).waitFor();
    await snap("cadre-workbench");
    await page
      .getByRole("link", { name: /账号登记确认/ })
      .first()
      .click();
    await page.getByText("本人没有注册、使用和管理网络公众账号。").waitFor();

    await page.goto(`${server.url}/registry`);
    await page.getByRole("button", { name: "登记账号" }).click();
    await dialog().getByLabel("平台", { exact: true }).click();
    await option("微信公众号").click();
    await dialog().getByLabel("账号名称").fill(ACCOUNT);
    await dialog().getByLabel("账号 ID").fill("xingfu-linli");
    await dialog().getByLabel("链接").fill("https://mp.weixin.qq.com/xingfu-linli");
    await dialog().getByLabel("单位账号").check();
    await dialog().getByLabel("所属单位").fill("城关街道幸福社区居委会");
    await dialog().getByLabel("用途").fill("发布社区通知、政策解读和志愿服务信息");
    await dialog().getByLabel("开设时间").fill("2021-03-01");
    await ok();
    await page.getByText("已保存为第 1 版").waitFor();
    await page.getByRole("link", { name: ACCOUNT }).waitFor();

    await page.getByRole("button", { name: /^修\s?改$/ }).click();
    await dialog().getByLabel("共同管理人").fill("李秀英");
    await dialog().getByLabel("修改原因").fill("增加共同管理人");
    await ok();
    await page.getByText("已保存为第 2 版").waitFor();
    await page.getByRole("link", { name: ACCOUNT }).click();
    await page.getByText("增加共同管理人").waitFor();
    await page.getByText("第 1 版", { exact: true }).waitFor();
    await snap("cadre-account-history");
  });

  it("the cadre signs the attestation: a wrong password is refused at the field", async () => {
    await page.goto(`${server.url}/registry`);
    await page.getByRole("link", { name: /^年度确认 · / }).click();
    await page.getByText(ACCOUNT).waitFor();
    await page.getByRole("checkbox", { name: "本人确认以上登记完整、真实" }).check();
    await page.getByLabel("登录密码（电子签名）").fill("not-my-password");
    await page.getByRole("button", { name: "签名确认" }).click();
    const fieldError = page.locator(".ant-form-item-explain-error");
    await fieldError.first().waitFor();
    expect(await fieldError.first().textContent()).toMatch(/密码/);
    await snap("cadre-attest-wrong-password");
    await page.getByLabel("登录密码（电子签名）").fill(currentPassword(server, "demo.member"));
    await page.getByRole("button", { name: "签名确认" }).click();
    await page
      .getByText(/本人确认：本人注册、使用和管理的网络公众账号已全部如实登记，共1个/)
      .waitFor();
    await snap("cadre-attest-signed");
  });

  it("the cadre declares on a phone and then amends", async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(`${server.url}/registry`);
    await page.getByRole("link", { name: ACCOUNT }).waitFor();
    await page.getByRole("link", { name: /^有关事项报告 · / }).waitFor();
    await snap("phone-my-accounts");
    await page.getByRole("link", { name: /^有关事项报告 · / }).click();
    await page.locator("#declare_assetsNone").getByText("无", { exact: true }).click();
    await page.locator("#declare_activitiesNone").getByText("有，逐项填写").click();
    await page.locator("#declare_activities_0_kind").click();
    await option("直播带货").click();
    await page.locator("#declare_activities_0_description").fill("为社区助农活动直播推介本地蜂蜜");
    await page.locator("#declare_activities_0_platform").fill("抖音");
    await page.locator("#declare_activities_0_period").fill("2025年9月20日");
    await snap("phone-declare-form");
    await page.getByRole("button", { name: "提交报告" }).click();
    await page.getByText("已提交第 1 版").waitFor();
    await page.getByText("为社区助农活动直播推介本地蜂蜜").waitFor();

    await page.getByRole("button", { name: /^更\s?正$/ }).click();
    await page.locator("#declare_activities_0_approval").fill("城关街道党工委 城街党〔2025〕12号");
    await page.getByRole("button", { name: "提交更正" }).click();
    await page
      .getByText("请输入更正原因")
      .or(page.locator(".ant-form-item-explain-error"))
      .first()
      .waitFor();
    await page.getByLabel("更正原因").fill("补充批准文号");
    await page.getByRole("button", { name: "提交更正" }).click();
    await page.getByText("已提交第 2 版").waitFor();
    await page.getByText("当前报告（第 2 版）").waitFor();
    await page.getByText(/^第 1 版 · /).waitFor();
    await snap("phone-declare-amended");
  });

  it("the secretary sees the coverage change, exports the register and records a finding", async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, server, "demo.secretary", { fresh: true });
    await page.goto(`${server.url}/registry-admin`);
    await page.getByText(`${cadre}（社区居委会副主任） · ${ACCOUNT}`).waitFor();
    const download = page.waitForEvent("download");
    await page.getByTestId("registry-export").click();
    const file = await download;
    const saved = path.join(OUT, "registry-register.xlsx");
    await file.saveAs(saved);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved);
    const cells: string[] = [];
    book.worksheets[0]?.eachRow((row) => {
      cells.push(row.values ? JSON.stringify(row.values) : "");
    });
    expect(cells.join("\n")).toContain(ACCOUNT);
    await snap("secretary-register");

    await page.getByRole("tab", { name: "年度确认" }).click();
    await page.getByText("已确认 1 / ").first().waitFor();
    await page.getByRole("link", { name: /年度/ }).first().click();
    await page.getByText(cadre).first().waitFor();
    const segment = (name: string) =>
      page.locator(".ant-segmented-item").filter({ hasText: name }).click();
    const row = () => page.locator(".ant-list-item").filter({ hasText: cadre });
    await segment("未确认");
    await page.waitForURL(/status=unsigned/);
    await page
      .locator(".ant-list-item .ant-tag")
      .filter({ hasText: "未确认" })
      .or(page.getByText("没有符合条件的人员"))
      .first()
      .waitFor();
    // The filtered list replaces the whole one a moment after the URL changes.
    await expect.poll(() => row().count()).toBe(0);
    await segment("已确认");
    await page.waitForURL(/status=signed/);
    await row().filter({ hasText: "登记账号 1 个" }).waitFor();
    await snap("secretary-attestation-coverage");

    await page.goto(`${server.url}/registry-admin?tab=declarations`);
    await page.getByText("已报告 1 / ").first().waitFor();
    await page
      .getByRole("link", { name: /个人有关事项报告/ })
      .first()
      .click();
    await segment("有报告事项");
    await page.waitForURL(/status=with_items/);
    await page.getByText("第 2 版 · ").first().waitFor();
    await page.getByRole("link", { name: "查看报告" }).first().click();
    await page.getByText("补充批准文号").waitFor();
    await page.getByRole("button", { name: "记录核查意见" }).click();
    await dialog()
      .getByLabel("核查意见")
      .fill("以职务身份参与直播带货，批准文号待核实，建议立案审查。");
    await dialog().getByLabel("需立案审查").check();
    await ok();
    await page.getByText("已记录核查意见").waitFor();
    await page
      .locator(".ant-list-item")
      .getByText(/以职务身份参与直播带货/)
      .waitFor();
    await page.locator(".ant-alert").filter({ hasText: "需立案审查" }).waitFor();
    await snap("secretary-finding");
    await page.setViewportSize({ width: 375, height: 812 });
    await snap("phone-secretary-finding");
    await page.goto(`${server.url}/registry-admin?tab=declarations`);
    await page
      .getByRole("link", { name: /个人有关事项报告/ })
      .first()
      .click();
    await page.getByText("核查意见 1 条").waitFor();
    await snap("phone-secretary-coverage");
  });
});
