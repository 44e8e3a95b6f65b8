import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, shot } from "./support/browser";
import { person, readWorkbook, rosterFile } from "./support/roster";
import { openOption } from "./support/select";
import { type RunningServer, startServer } from "./support/server";
import { totp } from "./support/totp";

let server: RunningServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let context: BrowserContext;
let page: Page;
let secretaryPassword = "";
/** A branch of the demo city the first start creates. */
const BRANCH = "城关街道幸福社区党支部";
const branch = BRANCH;
const files = mkdtempSync(path.join(tmpdir(), "wanggui-rosters-"));
const ADMIN_PASSWORD = "Anquan#Guanli2024";
const SECRETARY_PASSWORD = "Qingshan#2024ok";

beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser();
  context = browser.context;
  page = await context.newPage();
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail") {
    await shot(page, `FAILED-${ctx.task.name.slice(0, 40).replace(/\W+/g, "-")}`);
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

async function signIn(username: string, password: string) {
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.locator("form button[type=submit]").click();
}

async function consent() {
  await page.getByText("个人信息处理告知").first().waitFor();
  await shot(page, "consent");
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "同意并继续" }).click();
  await page.getByTestId("user-menu").waitFor();
}

async function pickOrg(p: Page, placeholder: string | RegExp, name: string) {
  const box = p.getByPlaceholder(placeholder).last();
  await box.fill(name);
  await openOption(p, name).click();
}

/**
 * A new branch secretary's first day, in the real browser against the real server: the
 * security administrator enrols (new password, TOTP) and opens the account; the secretary
 * signs in with the one-time password, must change it and consent, creates an org and a
 * member, imports a roster (first with a bad row, then clean), exports it, and switches
 * the language.
 */
describe("a secretary's journey", () => {
  it("enrols the security administrator: new password, TOTP, recovery codes, consent", async () => {
    await page.goto(`${server.url}/members`);
    await expect.poll(() => page.url()).toContain("/sign-in");
    await shot(page, "sign-in");
    await signIn("secadmin", server.passwords.get("secadmin") ?? "");
    await page.getByText("首次登录须修改初始密码").waitFor();
    await page.getByLabel("新密码", { exact: true }).fill("short");
    await page.getByLabel("再次输入新密码").fill("short");
    await page.getByRole("button", { name: "保存新密码" }).click();
    // The server's password rule comes back under the new-password field.
    await page.locator(".ant-form-item-explain-error").first().waitFor();
    await shot(page, "password-rule-at-field");
    await page.getByLabel("新密码", { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByLabel("再次输入新密码").fill(ADMIN_PASSWORD);
    await page.getByRole("button", { name: "保存新密码" }).click();
    const secret = (await page.getByTestId("totp-secret").textContent())?.trim() ?? "";
    expect(secret).toMatch(/^[A-Z2-7]+$/);
    await shot(page, "totp-enrol");
    await page.getByLabel("动态口令（6 位数字）").fill(totp(secret));
    await page.getByRole("button", { name: "确认绑定" }).click();
    await page.getByTestId("recovery-codes").waitFor();
    await shot(page, "recovery-codes");
    await page.getByRole("button", { name: /我已妥善保存/ }).click();
    await consent();
  });

  it("opens an account for a branch secretary and signs out", async () => {
    await page.getByRole("menuitem", { name: "用户与授权" }).click();
    await page.getByRole("button", { name: "开设账号" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("用户名").fill("zhang.wei");
    await dialog.getByLabel("姓名").fill("张伟");
    await pickOrg(page, /按名称或编码查找/, BRANCH);
    await dialog.locator(".ant-select").last().click();
    await openOption(page, "党组织书记").click();
    await shot(page, "user-create");
    await dialog.getByRole("button", { name: /确\s*定/ }).click();
    secretaryPassword = (await page.getByTestId("one-time-password").textContent())?.trim() ?? "";
    expect(secretaryPassword.length).toBeGreaterThanOrEqual(10);
    await shot(page, "user-one-time-password");
    await page.getByRole("button", { name: "已告知本人" }).click();
    await page.getByTestId("user-menu").click();
    await page.getByText("退出登录").click();
    await expect.poll(() => page.url()).toContain("/sign-in");
  });

  it("signs the secretary in with the one-time password, forces a new one, asks consent", async () => {
    await signIn("zhang.wei", secretaryPassword);
    await page.getByText("首次登录须修改初始密码").waitFor();
    await page.getByLabel("新密码", { exact: true }).fill(SECRETARY_PASSWORD);
    await page.getByLabel("再次输入新密码").fill(SECRETARY_PASSWORD);
    await page.getByRole("button", { name: "保存新密码" }).click();
    await consent();
    // Home is the 工作台 now: what this secretary has to do.
    await expect.poll(() => page.url()).toContain("/workbench");
    await page.getByRole("menuitem", { name: "党组织" }).click();
    await page.locator(".ant-tree").getByText(BRANCH).waitFor();
    await shot(page, "orgs");
  });

  it("creates a party group under the branch", async () => {
    await page.getByRole("menuitem", { name: "党组织" }).click();
    await page.getByRole("button", { name: "新建下级" }).click();
    // The rename dialog stays rendered, hidden, with a 名称 field of its own.
    await page.getByRole("dialog").getByLabel("名称").fill("第一党小组");
    await shot(page, "org-create-dialog");
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /确\s*定/ })
      .click();
    await page.getByText(/已新建「第一党小组」/).waitFor();
    await page.locator(".ant-tree-switcher").first().click();
    await page.locator(".ant-tree").getByText("第一党小组").waitFor();
    await shot(page, "org-tree-with-group");
  });

  it("adds a member by hand, with the server's rule shown at the field", async () => {
    await page.getByRole("menuitem", { name: "党员名册" }).click();
    await page.getByRole("button", { name: "新增党员" }).click();
    const drawer = page.locator(".ant-drawer").filter({ hasText: "新增党员" });
    const who = person("林晓雨", 1990, 7, false, branch);
    await drawer.getByLabel("姓名").fill(who.name);
    await drawer.getByLabel("女").check();
    await drawer.getByLabel("身份证号").fill(who.id);
    for (const [label, value] of [
      ["出生日期", who.birth],
      ["入党日期", "2015-07-01"],
      ["转正日期", "2016-07-01"],
    ] as const) {
      await drawer.getByLabel(label).click();
      await drawer.getByLabel(label).fill(value);
      await drawer.getByLabel(label).press("Enter");
    }
    await pickOrg(page, "查找党支部或党小组", branch);
    await shot(page, "member-form");
    // Wrong gender for this ID number: the members rule names the gender field.
    await drawer.getByLabel("男").check();
    await page.getByRole("button", { name: /保\s*存/ }).click();
    await drawer.getByText("性别与身份证号码不一致").waitFor();
    await shot(page, "member-form-field-error");
    await drawer.getByLabel("女").check();
    await page.getByRole("button", { name: /保\s*存/ }).click();
    await page.getByText("已新增党员 林晓雨").waitFor();
    await page.getByPlaceholder("按姓名查找").fill("林晓雨");
    await page.getByPlaceholder("按姓名查找").press("Enter");
    await page.locator(".ant-table-row").filter({ hasText: "林晓雨" }).click();
    await page.getByText("组织关系记录").waitFor();
    await shot(page, "member-drawer");
    await page.keyboard.press("Escape");
  });

  it("refuses a roster with a bad row, writing nothing, then imports a clean one", async () => {
    const before = await memberTotal();
    const good = [
      person("赵建国", 1975, 1, true, branch),
      person("钱丽华", 1982, 2, false, branch),
      person("孙志强", 1968, 3, true, branch),
    ];
    const broken = [
      ...good.slice(0, 2),
      { ...good[2], id: `${good[2]?.id.slice(0, 17)}${good[2]?.id.endsWith("0") ? "1" : "0"}` },
    ];
    writeFileSync(path.join(files, "bad.xlsx"), await rosterFile(broken as typeof good));
    writeFileSync(path.join(files, "good.xlsx"), await rosterFile(good));

    await page.goto(`${server.url}/members/import`);
    await page.locator("input[type=file]").setInputFiles(path.join(files, "bad.xlsx"));
    await page.getByTestId("roster-issues").waitFor();
    await expect.poll(() => page.getByText("第 4 行").count()).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator(".ant-table-row").filter({ hasText: "身份证号" }).count())
      .toBeGreaterThan(0);
    await expect(page.getByTestId("confirm-import").isDisabled()).resolves.toBe(true);
    await shot(page, "import-bad-row");
    expect(await memberTotal()).toBe(before);

    await page.getByRole("button", { name: "重新选择文件" }).click();
    await page.locator("input[type=file]").setInputFiles(path.join(files, "good.xlsx"));
    await page.getByText("检查全部通过").waitFor();
    await shot(page, "import-clean");
    await page.getByTestId("confirm-import").click();
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /导\s*入/ })
      .click();
    await page.getByText("已导入 3 名党员").waitFor();
    await shot(page, "import-done");
    expect(await memberTotal()).toBe(before + 3);
  });

  it("exports the filtered list with a watermark naming the exporter", async () => {
    await page.goto(`${server.url}/members?name=${encodeURIComponent("孙志强")}`);
    await page.locator(".ant-table-row").filter({ hasText: "孙志强" }).waitFor();
    // Held back a moment, as a large export is: the button says the export is under way.
    await page.route("**/api/roster/export?*", async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    const downloading = page.waitForEvent("download");
    await page.getByTestId("export-members").click();
    await page.getByTestId("export-members").getByText("正在导出：已下载 0.0 MB").waitFor();
    await shot(page, "export-under-way");
    const download = await downloading;
    await page.unroute("**/api/roster/export?*");
    // Fetched with its progress shown, then saved under the server's own name.
    expect(download.suggestedFilename()).toMatch(/^党员名册-\d{12}\.xlsx$/);
    const file = path.join(files, "export.xlsx");
    await download.saveAs(file);
    const rows = await readWorkbook(file);
    // A 名册 as it is printed: the title, the exporter's watermark line, then the table.
    expect(rows[0]?.[0]).toBe("党员名册");
    expect(rows[1]?.[0]).toContain("张伟（zhang.wei）");
    expect(rows[1]?.[0]).toMatch(/导出时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(rows[2]?.slice(0, 3)).toEqual(["姓名", "性别", "民族"]);
    expect(rows.slice(3).map((r) => r[0])).toEqual(["孙志强"]);
    expect(rows[3]?.join(" ")).toMatch(/\d{6}\*{12}/);
    await shot(page, "export");
  });

  it("switches to English", async () => {
    await page.getByTestId("user-menu").click();
    await page.getByRole("menuitem", { name: "English" }).click();
    await page.getByRole("menuitem", { name: "Member roster" }).waitFor();
    await page.getByTestId("export-members").getByText("Export to Excel").waitFor();
    await shot(page, "english");
  });

  it("works at phone width", async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(`${server.url}/members`);
    await page.locator(".ant-table-row").first().waitFor();
    await shot(page, "phone-members");
    await page.getByLabel("Open menu").click();
    await page.locator(".ant-drawer .ant-menu").waitFor();
    await shot(page, "phone-menu");
    await page.getByRole("menuitem", { name: "Organizations" }).click();
    await page.locator(".ant-tree").waitFor();
    await shot(page, "phone-orgs");
  });
});
