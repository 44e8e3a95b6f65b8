import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, shot } from "./support/browser";
import { type RunningServer, startServer } from "./support/server";
import { signIn } from "./support/sign-in";

let server: RunningServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
const DESCRIPTION = "该账号连续发布歪曲党史的短视频，配文诋毁英雄模范，评论区已有人转发。";
const REPLY = "经核查属实，已协调平台删除相关内容。感谢您的举报。";
const ASK = "请补充该视频的发布时间截图，便于向平台说明。";
const FINDING =
  "经组织核查，网上关于您收受礼金的说法与事实不符，系诬告。组织将在支部范围内为您澄清正名。";

/**
 * Confirms an antd step dialog and then the "are you sure" that follows it, waiting for the
 * latter itself: the last 确定 on the page is the step dialog's until the confirmation opens.
 */
async function confirmStep() {
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /确\s?定|OK/ })
    .click();
  await page
    .locator(".ant-modal-confirm")
    .getByRole("button", { name: /确\s?定/ })
    .click();
}

beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser();
  page = await browser.context.newPage();
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail") {
    await shot(page, `FAILED-cases-${ctx.task.name.slice(0, 30).replace(/\W+/g, "-")}`);
    console.error(server.output().slice(-3000));
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * A member reports online content from a phone; the branch secretary accepts, passes it to
 * the platform and closes it with a reply; the member reads the reply, never the notes.
 */
describe("a report from filing to feedback", () => {
  let caseUrl = "";

  it("a member files a report on a phone and gets a case number", async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await signIn(page, server, "demo.member", { fresh: true });
    await page.goto(`${server.url}/my-cases`);
    await page.getByText("您的身份只有本案承办人经登记后才能查看").waitFor();
    await page.getByRole("button", { name: "我要举报" }).click();
    await page.getByLabel("链接").fill("https://weibo.com/u/7712345678/status/4987");
    await page.getByLabel("账号名称").fill("青山夜话");
    await page.getByLabel("具体情况").fill(DESCRIPTION);
    await shot(page, "cases-m-report-form");
    await page.getByRole("button", { name: "提交举报" }).click();
    await page
      .getByRole("button", { name: "确 定" })
      .or(page.getByRole("button", { name: "确定" }))
      .first()
      .click();
    await page.getByText(/已受理登记，案件编号 JB-\d{4}-\d{6}/).waitFor();
    await page.getByText("待受理").first().waitFor();
    caseUrl = page.url();
    expect(caseUrl).toMatch(/\/my-cases\/\d+$/);
    await shot(page, "cases-m-receipt");
  });

  it("the branch secretary accepts, passes it on and closes it with a reply", async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, server, "demo.secretary", { fresh: true });
    await page.goto(`${server.url}/cases`);
    await page
      .getByText(/JB-\d{4}-\d{6}/)
      .first()
      .click();
    await page.getByText(DESCRIPTION).waitFor();
    // Who filed is not on the page until the assigned handler asks, and that is logged.
    expect(await page.getByText("幸福社区党员").count()).toBe(0);
    await page.getByRole("button", { name: /^受\s?理$/ }).click();
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /确\s?定|OK/ })
      .click();
    await page
      .locator(".ant-modal-confirm")
      .getByRole("button", { name: /确\s?定/ })
      .click();
    await page.getByText("办理中").first().waitFor();

    // A question for the filer, which they read in their case; then the case goes to the
    // city's discipline officer, chosen from the handlers of the branch and above.
    await page.getByLabel("留言给举报人").check();
    await page.getByLabel("记录或留言内容").fill(ASK);
    await page.getByRole("button", { name: /^保\s?存$/ }).click();
    await page.getByText(ASK).waitFor();
    await page.getByRole("button", { name: "更换承办人" }).click();
    const assign = page.getByRole("dialog");
    await assign.getByText("被举报人、举报人本人与本案有利害关系").waitFor();
    await assign.getByLabel("承办人").click();
    await page.getByTitle(/市纪委干部/).click();
    await shot(page, "cases-assign");
    await assign.getByRole("button", { name: /确\s?定|OK/ }).click();
    await page.getByText("已指定承办人").waitFor();
    await page.getByRole("button", { name: "更换承办人" }).waitFor();

    await page.getByRole("button", { name: /^移\s?交$/ }).click();
    await page.getByLabel("移交单位或网络平台").fill("微博平台");
    await page.getByLabel("对方受理编号（选填）").fill("WB-2026-118");
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /确\s?定|OK/ })
      .click();
    await page
      .locator(".ant-modal-confirm")
      .getByRole("button", { name: /确\s?定/ })
      .click();
    await page.getByText("微博平台（WB-2026-118）").waitFor();

    await page.getByRole("button", { name: /^办\s?结$/ }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("处理结果").click();
    await page.getByTitle("经核查属实，已依规处理").click();
    await dialog.getByLabel("给申请人或举报人的答复").fill(REPLY);
    await dialog.getByLabel("处理说明（内部）").fill("内部：账号主体为外省人员，已通报属地");
    await dialog.getByRole("button", { name: /确\s?定|OK/ }).click();
    await page
      .locator(".ant-modal-confirm")
      .getByRole("button", { name: /确\s?定/ })
      .click();
    await page.getByText("已办结").first().waitFor();
    await shot(page, "cases-handled");
  });

  it("the member reads the reply and the outcome, not the internal note", async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await signIn(page, server, "demo.member", { fresh: true });
    await page.goto(caseUrl);
    await page.getByText(REPLY).waitFor();
    await page.getByText(ASK).waitFor();
    await page.getByText("经核查属实，已依规处理").first().waitFor();
    expect(await page.getByText("内部：账号主体为外省人员").count()).toBe(0);
    expect(await page.getByText("WB-2026-118").count()).toBe(0);
    await shot(page, "cases-m-reply");
  });
});

/**
 * A report proves to be a false accusation: the secretary closes it as unfounded and opens a
 * 澄清正名 case for the member it targeted, who is picked from the branch since the filer
 * named them only in words; the two cases point at each other; the name is cleared with the
 * member's consent.
 */
describe("a false accusation, and the accused member's name cleared", () => {
  let accused = "";

  it("a member files a report naming someone in words", async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await signIn(page, server, "demo.member", { fresh: true });
    await page.goto(`${server.url}/my-cases`);
    await page.getByRole("button", { name: "我要举报" }).click();
    await page.getByLabel("链接").fill("https://www.douyin.com/video/7301122334455");
    await page.getByLabel("具体情况").fill("视频称本社区一名党员收受辖区商户礼金，配有模糊截图。");
    await page.getByLabel("涉及的其他人员（选填）").fill("社区某党员");
    await page.getByRole("button", { name: "提交举报" }).click();
    await page
      .getByRole("button", { name: /确\s?定/ })
      .first()
      .click();
    await page.getByText(/已受理登记，案件编号 JB-\d{4}-\d{6}/).waitFor();
  });

  it("the secretary finds it false and opens a 澄清正名 case for the member it targeted", async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, server, "demo.secretary", { fresh: true });
    // A member of the branch without an account: not the secretary, not the filer.
    const roster = await page.request.get(`${server.url}/api/members?pageSize=50`);
    const members = (await roster.json()).items as { name: string; account: string }[];
    accused = members.find((m) => m.account === "none")?.name ?? "";
    expect(accused).not.toBe("");

    await page.goto(`${server.url}/cases`);
    await page
      .getByText(/JB-\d{4}-\d{6}/)
      .first()
      .click();
    await page.getByText("视频称本社区一名党员收受辖区商户礼金").waitFor();
    await page.getByRole("button", { name: /^受\s?理$/ }).click();
    await confirmStep();
    await page.getByText("办理中").first().waitFor();
    await page.getByRole("button", { name: /^办\s?结$/ }).click();
    const close = page.getByRole("dialog");
    await close.getByLabel("处理结果").click();
    await page.getByTitle("经核查，反映问题不属实").click();
    await close.getByLabel("给申请人或举报人的答复").fill("经核查，您反映的问题不属实。");
    await confirmStep();
    await page.getByText("已办结").first().waitFor();

    await page.getByRole("button", { name: "为被诬告党员启动澄清正名" }).click();
    const open = page.getByRole("dialog");
    await open.getByLabel("被诬告的党员").fill(accused);
    await page.getByTitle(new RegExp(`^${accused}（`)).click();
    await open.getByLabel("核查结论（本人可见）").fill(FINDING);
    await shot(page, "cases-open-protection");
    await open.getByRole("button", { name: /确\s?定|OK/ }).click();
    await page.getByText(/已启动澄清正名与保护，案件编号 BH-\d{4}-\d{6}/).waitFor();
    await page.getByText("经核查系诬告，已为被诬告党员启动澄清正名与保护：").waitFor();
    await shot(page, "cases-report-linked");
  });

  it("the protection case points back, and the name is cleared with consent", async () => {
    await page.getByRole("link", { name: /BH-\d{4}-\d{6}/ }).click();
    await page.getByText("由经核查系诬告的举报启动：").waitFor();
    await page.getByText(`${accused}（`).first().waitFor();
    await page.getByText(FINDING).waitFor();
    await page.getByText("核实评估中").first().waitFor();
    await page.getByRole("button", { name: "发布澄清正名" }).click();
    const publish = page.getByRole("dialog");
    await publish
      .getByLabel("澄清正名内容")
      .fill("经支部核实，网上关于该同志的举报内容不属实，特此澄清正名。");
    await publish.getByLabel("该党员所在组织").check();
    await publish.getByLabel("处理说明（内部）").fill("在支部党员大会和支部群发布澄清说明");
    await publish.getByLabel("本人已同意公开澄清正名").check();
    await shot(page, "cases-publish-clarification");
    await confirmStep();
    await page.getByText("保护措施落实中").first().waitFor();
    await page.getByText(/发布范围：该党员所在组织，\d+ 个账号收到站内消息/).waitFor();
    await page.getByRole("button", { name: /^办\s?结$/ }).click();
    const close = page.getByRole("dialog");
    await close.getByLabel("处理结果").click();
    await page.getByTitle("已澄清正名").click();
    await close.getByLabel("给申请人或举报人的答复").fill("组织已在支部范围内为您澄清正名。");
    await confirmStep();
    await page.getByText("已办结").first().waitFor();
    await shot(page, "cases-protection-closed");
    await page.setViewportSize({ width: 375, height: 812 });
    await shot(page, "cases-m-protection-handler");
  });
});

/** A member attacked online applies for protection from a phone; the secretary takes it up. */
describe("a member's own application for protection", () => {
  const ACCOUNT = "在微博驳斥抹黑英雄的帖子后，连续三天收到辱骂私信，电话号码被公开在评论区。";

  it("the member applies on a phone and gets a case number", async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await signIn(page, server, "demo.member", { fresh: true });
    await page.goto(`${server.url}/my-cases`);
    await page.getByRole("button", { name: "申请澄清正名与保护" }).click();
    await page.getByLabel("经过").fill(ACCOUNT);
    await page.getByLabel("相关链接（每行一个）").fill("https://weibo.com/u/5566/status/1");
    await page.getByLabel("希望组织做什么").fill("请协调网信部门处置，并在支部内澄清不实说法。");
    await shot(page, "cases-m-protection-form");
    await page.getByRole("button", { name: "提交申请" }).click();
    await page.getByText(/申请已登记，案件编号 BH-\d{4}-\d{6}/).waitFor();
    await page.getByText("待受理").first().waitFor();
    await shot(page, "cases-m-protection-receipt");
  });

  it("the secretary accepts it and records the measures, on a phone too", async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await signIn(page, server, "demo.secretary", { fresh: true });
    await page.goto(`${server.url}/cases`);
    await page.getByText("澄清正名与保护申请（网络暴力）").first().click();
    await page.getByText(ACCOUNT).waitFor();
    await page.getByText("申请保护的党员").waitFor();
    await page.getByRole("button", { name: /^受\s?理$/ }).click();
    await confirmStep();
    await page.getByText("核实评估中").first().waitFor();
    await page.getByRole("button", { name: "记录保护措施" }).click();
    await page
      .getByRole("dialog")
      .getByLabel("处理说明（内部）")
      .fill("已协调区网信办处置辱骂私信，并提醒平台删除公开的电话号码");
    await confirmStep();
    await page.getByText("保护措施落实中").first().waitFor();
    await shot(page, "cases-m-protection-measures");
  });
});
