import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, shot } from "./support/browser";
import { openOptionTitled } from "./support/select";
import { type RunningServer, startServer } from "./support/server";
import { signIn } from "./support/sign-in";

let server: RunningServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
const KEPT = "社区共享菜园里的邻里情";
const RETURNED = "转发：某地出台新政策";
const HONOUR = "2026年度网络正能量传播先进个人";
const DOCUMENT = "幸福社区党支部委员会会议（2026年11月20日）";
/** Downloads land here to be looked at through LibreOffice, outside the repository. */
const OUT = "/tmp/contrib-shots";

beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser();
  page = await browser.context.newPage();
  mkdirSync(OUT, { recursive: true });
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail") {
    await shot(page, `FAILED-contributions-${ctx.task.name.slice(0, 30).replace(/\W+/g, "-")}`);
    console.error(server.output().slice(-3000));
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const dialog = () => page.getByRole("dialog");
const ok = () => dialog().getByRole("button", { name: /确\s?定|OK/ });

async function submitWork(title: string, kind: string, link: string, reach?: string) {
  await page.getByRole("button", { name: "报送作品" }).click();
  await dialog().getByLabel("作品标题").fill(title);
  await dialog().getByLabel("类型").click();
  await openOptionTitled(page, kind).click();
  await dialog().getByLabel("链接").fill(link);
  if (reach) await dialog().getByLabel("传播量（自报，选填）").fill(reach);
  await dialog()
    .getByLabel("简要说明")
    .fill("在社区公众号发表，介绍党支部带领居民共建菜园的经过。");
  await ok().click();
  // The first toast may still be showing when the second work is sent.
  await page.getByText("已报送，等待党组织审核").first().waitFor();
  await page.getByText(title).waitFor();
}

/**
 * 正能量作品 and 表彰 (Art 5-8, 23): a member reports two works from a phone; the city's
 * 宣传部 accepts one, returns the other and proposes a 表彰; the branch secretary approves
 * it; the member sees the outcome on their own page.
 */
describe("a member's works, their review and a commendation", () => {
  it("a member submits two works of their own on a phone", async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await signIn(page, server, "demo.member", { fresh: true });
    await page.goto(`${server.url}/contributions`);
    await page.getByText("请报送您本人创作或发布的作品").waitFor();
    await submitWork(KEPT, "文章", "https://mp.weixin.qq.com/s/Xf3kLm9QpR2", "3200");
    await submitWork(RETURNED, "帖子", "https://weibo.com/u/5512345678/status/49871");
    await page.getByText("自报传播量 3,200").waitFor();
    await shot(page, "contributions-m-mine");
  });

  it("the propaganda officer accepts one, returns the other and proposes a commendation", async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, server, "demo.propaganda", { fresh: true });
    await page.goto(`${server.url}/contribution-review`);
    const kept = page.locator("[data-testid^=work-]", { hasText: KEPT });
    await kept.waitFor();
    await shot(page, "contributions-queue");
    await kept.getByRole("button", { name: /^采\s?用$/ }).click();
    await page
      .locator(".ant-modal-confirm")
      .getByRole("button", { name: /^采\s?用$/ })
      .click();
    await page.getByText("已采用，已通知党员").waitFor();

    const returned = page.locator("[data-testid^=work-]", { hasText: RETURNED });
    await returned.getByRole("button", { name: /^退\s?回$/ }).click();
    await dialog().getByLabel("退回原因").fill("内容为转发他人消息，请报送本人原创的作品。");
    await ok().click();
    await page.getByText("已退回，已通知党员").waitFor();

    await page.getByText("已采用", { exact: true }).click();
    await page
      .locator("[data-testid^=work-]", { hasText: KEPT })
      .getByRole("button", { name: "提出表彰建议" })
      .click();
    await dialog().getByLabel("表彰名称").fill(HONOUR);
    await dialog()
      .getByLabel("表彰理由")
      .fill("积极在网上宣传社区建设成就，作品被采用并广泛传播。");
    await shot(page, "contributions-propose");
    await ok().click();
    await page.getByText("表彰建议已提交，等待审批").waitFor();

    // The proposer sees the proposal but has no approve button: the organization decides.
    await page.goto(`${server.url}/commendations`);
    const proposal = page.locator("[data-testid^=commendation-]", { hasText: HONOUR });
    await proposal.waitFor();
    expect(await proposal.getByRole("button", { name: /^批\s?准$/ }).count()).toBe(0);
  });

  it("the branch secretary approves it and exports the list", async () => {
    await signIn(page, server, "demo.secretary", { fresh: true });
    await page.goto(`${server.url}/commendations`);
    const proposal = page.locator("[data-testid^=commendation-]", { hasText: HONOUR });
    await proposal.getByRole("button", { name: /^批\s?准$/ }).click();
    await dialog().getByLabel("会议或文号").fill(DOCUMENT);
    await ok().click();
    await page.getByText("已批准，已通知党员").waitFor();
    await page.getByText("已批准", { exact: true }).first().click();
    await page.getByText(DOCUMENT, { exact: false }).waitFor();
    await shot(page, "contributions-commendations");

    const download = page.waitForEvent("download");
    await page.getByTestId("export-commendations").click();
    const file = await download;
    const saved = path.join(OUT, "commendations.xlsx");
    await file.saveAs(saved);
    expect(file.suggestedFilename()).toContain("表彰名单");

    // The member's record in the roster shows it, for 评先评优 (Art 23).
    const name = ((await proposal.locator(".ant-space-item").first().textContent()) ?? "").trim();
    await page.goto(`${server.url}/members`);
    await page
      .getByRole("row", { name: new RegExp(name) })
      .first()
      .click();
    const record = page.getByTestId("member-commendations");
    await record.getByText(HONOUR).waitFor();
    await record.getByText("已采用作品 1 件").waitFor();
    await shot(page, "contributions-member-drawer");
  });

  it("the member sees the return reason and the commendation on their own page", async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await signIn(page, server, "demo.member", { fresh: true });
    await page.goto(`${server.url}/contributions`);
    await page.getByText("退回原因：内容为转发他人消息，请报送本人原创的作品。").waitFor();
    const record = page.locator("[data-testid^=commendation-]", { hasText: HONOUR });
    await record.getByText(DOCUMENT, { exact: false }).waitFor();
    await shot(page, "contributions-m-record");

    // The returned work comes back as a new one from its fields; the returned one stays.
    await page
      .locator("[data-testid^=work-]", { hasText: RETURNED })
      .getByRole("button", { name: "修改后重新报送" })
      .click();
    await expect.poll(() => dialog().getByLabel("作品标题").inputValue()).toBe(RETURNED);
    await dialog().getByLabel("作品标题").fill(`${RETURNED}（原创）`);
    await ok().click();
    await page.getByText("已报送，等待党组织审核").first().waitFor();
    const again = page.locator("[data-testid^=work-]", { hasText: `${RETURNED}（原创）` });
    await again.getByText("待审核").waitFor();
    await page
      .locator("[data-testid^=work-]", { hasText: RETURNED })
      .getByText("已退回")
      .first()
      .waitFor();
    await page.setViewportSize({ width: 1440, height: 900 });
    await shot(page, "contributions-mine");
  });
});
