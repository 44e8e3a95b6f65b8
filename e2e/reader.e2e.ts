import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, shot } from "./support/browser";
import { type RunningServer, repo, startServer } from "./support/server";
import { signIn } from "./support/sign-in";
import { totp } from "./support/totp";

let server: RunningServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
let docId = 0;
let adminBrowser: Awaited<ReturnType<typeof openBrowser>> | undefined;
const NEW_PASSWORD = "Xuexi#Guiding2024";

beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser();
  page = await browser.context.newPage();
  // The member reads on a phone: every step runs at 375 px.
  await page.setViewportSize({ width: 375, height: 812 });
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail") {
    await shot(page, `reader-FAILED-${ctx.task.name.slice(0, 40).replace(/\W+/g, "-")}`);
    console.error(server.output().slice(-3000));
  }
});

afterAll(async () => {
  await adminBrowser?.close();
  await browser?.close();
  await server?.stop();
});

/**
 * A member reading the regulation on a phone: a deep link to article 11 with its 不得 chip,
 * a search for 直播带货 that puts article 19 first with the phrase highlighted, and the
 * reader in English.
 */
describe("a member reads the regulation", () => {
  it("signs in as the demo member", async () => {
    await signIn(page, server, "demo.member", { newPassword: NEW_PASSWORD });
    // A demo account is visibly one.
    await page.getByTestId("demo-banner").waitFor();
    const list = await page.request.get(`${server.url}/api/regulations`);
    expect(list.ok()).toBe(true);
    const first = ((await list.json()) as { items: { id: number }[] }).items[0];
    docId = first?.id ?? 0;
    expect(docId).toBeGreaterThan(0);
  });

  it("opens article 11 through a deep link and sees its 不得 chip", async () => {
    // A full page load of the link, as when it arrives in a message.
    await page.goto(`${server.url}/regulations/${docId}/articles/11`);
    await page.getByRole("heading", { name: "第十一条" }).waitFor();
    await page
      .getByText("党员不得组织、参与和动员不法串联、联署、集会等网上非法组织、非法活动。")
      .first()
      .waitFor();
    const chip = page.locator('[data-testid="provision"] [data-kind="prohibition"]');
    expect(await chip.textContent()).toBe("不得");
    expect(await page.locator('[data-subject="member"]').first().textContent()).toBe("党员");
    expect(page.url()).toContain(`/regulations/${docId}/articles/11`);
    // A plain member may read, not annotate.
    expect(await page.getByRole("button", { name: /更正标注/ }).count()).toBe(0);
    await shot(page, "reader-article-11");
  });

  it("searches 直播带货 and finds article 19 first, the phrase highlighted", async () => {
    const box = page.getByPlaceholder("检索条文，如：直播带货");
    await box.fill("直播带货");
    await box.press("Enter");
    await expect.poll(() => page.url()).toContain("/search?q=");
    const first = page.getByTestId("search-results").locator("li").first();
    await first.waitFor();
    expect(await first.locator(".wg-result-title").textContent()).toBe("第十九条");
    expect(await first.locator("mark").first().textContent()).toBe("直播带货");
    await shot(page, "reader-search");
    await first.locator(".wg-result-title").click();
    await page.getByRole("heading", { name: "第十九条" }).waitFor();
  });

  it("switches to English and reads the reader's labels in English", async () => {
    await page.getByTestId("user-menu").click();
    await page.getByText("语言 / Language").click();
    await page.getByText("English", { exact: true }).click();
    await page.getByRole("button", { name: /Contents/ }).waitFor();
    await page.getByText("Binds me").waitFor();
    await page.locator('[data-kind="prohibition"]').getByText("Shall not").waitFor();
    expect(await page.locator('[data-subject="cadre"]').first().textContent()).toBe("Cadres");
    await shot(page, "reader-english");
    await page.getByRole("button", { name: /Contents/ }).click();
    await page.locator(".ant-drawer").getByText("第十一条").waitFor();
    await shot(page, "reader-english-contents");
  });
});

/**
 * The system administrator brings in an amended text: the check lists the one changed article
 * before anything is stored, the confirmation stores it, and the reader opens the diff.
 */
describe("a system administrator imports a new version", () => {
  it("checks the amended text, confirms, and lands on the diff of the two versions", async () => {
    // Their own browser profile: the member's English setting and cookies stay with the member.
    adminBrowser = await openBrowser();
    const admin = await adminBrowser.context.newPage();
    await admin.goto(`${server.url}/sign-in`);
    await admin.getByLabel("用户名").fill("sysadmin");
    await admin.getByLabel("密码").fill(server.passwords.get("sysadmin") ?? "");
    await admin.locator("form button[type=submit]").click();
    await admin.getByText("首次登录须修改初始密码").waitFor();
    await admin.getByLabel("新密码", { exact: true }).fill("Guifan#Daoru2026xin");
    await admin.getByLabel("再次输入新密码").fill("Guifan#Daoru2026xin");
    await admin.getByRole("button", { name: "保存新密码" }).click();
    const secret = (await admin.getByTestId("totp-secret").textContent())?.trim() ?? "";
    await admin.getByLabel("动态口令（6 位数字）").fill(totp(secret));
    await admin.getByRole("button", { name: "确认绑定" }).click();
    await admin.getByRole("button", { name: /我已妥善保存/ }).click();
    const consent = admin.getByRole("button", { name: "同意并继续" });
    await consent.or(admin.getByTestId("user-menu")).first().waitFor();
    if (await consent.isVisible()) {
      await admin.getByRole("checkbox").check();
      await consent.click();
    }

    await admin.goto(`${server.url}/regulations/${docId}/diff`);
    await admin.getByText("本规定目前只有一个版本").waitFor();
    await admin.getByRole("button", { name: "导入新版本", exact: true }).click();
    await expect.poll(() => admin.url()).toContain("/regulations/import");

    const seed = await readFile(
      path.join(repo, "server/seed-data/party-member-online-conduct-2024.txt"),
      "utf8",
    );
    const amended = seed.replace("直播带货等营利活动", "直播带货、有偿代言等营利活动");
    expect(amended).not.toBe(seed);
    // Checking an empty form names the field and sends nothing.
    await admin.getByRole("button", { name: /^检\s?查$/ }).click();
    await admin.getByText("请上传文件或粘贴规定全文").waitFor();
    await admin.locator('input[type="file"]').setInputFiles({
      name: "党员网络行为规定（修订）.txt",
      mimeType: "text/plain",
      buffer: Buffer.from(amended, "utf8"),
    });
    await expect.poll(() => admin.getByLabel("规定全文").inputValue()).toContain("有偿代言");
    await admin.getByRole("button", { name: /^检\s?查$/ }).click();
    const result = admin
      .locator(".ant-card-inner, .ant-card-type-inner")
      .filter({ hasText: "检查结果" });
    await result.getByText("第十九条").waitFor();
    expect(await result.getByText("第 2 版").count()).toBeGreaterThan(0);
    await shot(admin, "regulation-import-check");
    await admin.setViewportSize({ width: 375, height: 812 });
    await shot(admin, "regulation-import-check-phone");
    await admin.setViewportSize({ width: 1440, height: 900 });

    // Nothing is stored until the confirmation.
    const before = await admin.request.get(`${server.url}/api/regulations`);
    const versions = ((await before.json()) as { items: { versions: unknown[] }[] }).items[0]
      ?.versions.length;
    expect(versions).toBe(1);
    await admin.getByRole("button", { name: "确认导入" }).click();
    await admin.locator(".ant-modal-confirm").getByText("不能撤销").waitFor();
    await admin.locator(".ant-modal-confirm").getByRole("button", { name: "确认导入" }).click();
    await expect.poll(() => admin.url()).toContain("/diff?from=1&to=2");
    await admin.getByText("新增 0 条，删除 0 条，修改 1 条").waitFor();
    await admin.getByText("、有偿代言").first().waitFor();
    await shot(admin, "regulation-import-diff");
  });
});
