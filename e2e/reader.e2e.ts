import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, shot } from "./support/browser";
import { type RunningServer, startServer } from "./support/server";
import { signIn } from "./support/sign-in";

let server: RunningServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
let docId = 0;
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
