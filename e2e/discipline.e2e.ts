import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, shot } from "./support/browser";
import { type RunningServer, startServer } from "./support/server";
import { signIn } from "./support/sign-in";

let server: RunningServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
let member = "";
let caseUrl = "";
let caseId = "";
const ALLEGATION = "支部党员反映：该同志在“幸福社区邻里群”转发歪曲党史的短视频。";
const INTERVIEW = "与群主李秀英谈话：确认该视频于 11 月 20 日由本人转发，当日下午删除。";
const FACTS = "2026年11月20日，你在微信群“幸福社区邻里群”转发含有歪曲党的历史内容的短视频。";

/** Presses the OK of the open dialog. */
const ok = () =>
  page
    .getByRole("dialog")
    .getByRole("button", { name: /确\s?定|OK/ })
    .click();
/** Presses the OK of a popconfirm. */
const confirm = () =>
  page
    .locator(".ant-popconfirm:visible")
    .getByRole("button", { name: /确\s?定|OK/ })
    .click();
const option = (text: string | RegExp) =>
  page.locator(".ant-select-item-option:visible").filter({ hasText: text }).first();

beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser();
  page = await browser.context.newPage();
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail") {
    await shot(page, `FAILED-discipline-${ctx.task.name.slice(0, 30).replace(/\W+/g, "-")}`);
    console.error(server.output().slice(-3000));
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * The branch secretary opens a case on a member and gives notice; the member answers on a
 * phone; the secretary answers each point and decides; the member appeals; the city's
 * discipline officer, levels up, changes the measure. No step can come before its turn.
 */
describe("a discipline case from opening to appeal", () => {
  it("finds the member's name as they see it", async () => {
    await signIn(page, server, "demo.member", { fresh: true });
    const res = await page.request.get(`${server.url}/api/auth/session`);
    const session = (await res.json()) as { user: { displayName: string } };
    member = session.user.displayName.split("（")[0] ?? "";
    expect(member).not.toBe("");
  });

  it("the branch secretary opens the case, records an interview and gives notice", async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, server, "demo.secretary", { fresh: true });
    await page.goto(`${server.url}/discipline`);
    await page.getByText("暂无纪律审查案件").waitFor();
    await page.getByRole("button", { name: /立\s?案/ }).click();
    await page.getByLabel("被审查党员").fill(member);
    await option(new RegExp(`^${member}（`)).click();
    await page.getByLabel("行为发生日期").fill("2026-11-20");
    await page.getByLabel("涉嫌违反的条款").click();
    await page.getByLabel("涉嫌违反的条款").fill("第十条");
    await option(/^第十条（1）/).click();
    await page.keyboard.press("Escape");
    await page.getByLabel("反映的问题（仅承办人可见）").fill(ALLEGATION);
    await shot(page, "discipline-open");
    await page.getByRole("button", { name: /^立\s?案$/ }).click();
    await page.getByText(/JL-\d{4}-\d{6} · 审查调查中/).waitFor();
    caseUrl = page.url();
    caseId = caseUrl.split("/").at(-1) ?? "";

    await page.getByLabel("记录类型").click();
    await option("谈话记录").click();
    await page.getByLabel("内容（仅承办人可见，党员看不到）").fill(INTERVIEW);
    await page.getByRole("button", { name: /记\s?录/ }).click();
    await page.getByText(INTERVIEW).first().waitFor();

    await page.getByRole("button", { name: "送达告知书" }).click();
    await page.getByRole("dialog").getByLabel("认定的事实").fill(FACTS);
    await ok();
    await page.getByText(/· 已告知，待陈述申辩/).waitFor();
    // The machine refuses a decision until the member answers or the period ends.
    expect(await page.getByRole("button", { name: "作出处理决定" }).isDisabled()).toBe(true);
    await page.getByText(/期满前不能作出处理决定/).waitFor();
    await shot(page, "discipline-noticed");
  });

  it("the member reads the notice from their workbench on a phone and answers it", async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await signIn(page, server, "demo.member", { fresh: true });
    await page.goto(`${server.url}/workbench`);
    await page.getByText(/纪律审查告知书 JL-/).click();
    await page.getByText(FACTS).waitFor();
    expect(page.url()).toBe(`${server.url}/my-discipline/${caseId}`);
    const body = (await page.locator("body").textContent()) ?? "";
    for (const secret of [INTERVIEW, ALLEGATION, "幸福社区党支部书记"])
      expect(body).not.toContain(secret);
    await page.getByLabel("意见 1").fill("转发时未看完视频，不知其内容歪曲党史。");
    await page.getByRole("button", { name: "增加一条意见" }).click();
    await page.getByLabel("意见 2").fill("发现后当天即删除，并在群内作了说明。");
    await shot(page, "discipline-m-defence");
    await page.getByRole("button", { name: "提交陈述申辩" }).click();
    await confirm();
    await page.getByText("1. 转发时未看完视频，不知其内容歪曲党史。").waitFor();
    // Usable at 375 px: nothing wider than the phone's screen.
    const width = await page.locator("body").evaluate((b) => b.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
  });

  it("the secretary answers each point, then decides", async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, server, "demo.secretary", { fresh: true });
    await page.goto(caseUrl);
    await page.getByRole("button", { name: "逐条答复陈述申辩意见" }).click();
    const dialog = page.getByRole("dialog");
    await dialog
      .getByLabel("答复及理由")
      .first()
      .fill("转发前应当核实内容，未看完即转发不能免除责任。");
    await dialog.getByRole("switch").last().click();
    await dialog.getByLabel("答复及理由").last().fill("及时删除并说明属实，作为从轻情节考虑。");
    await ok();
    await expect
      .poll(() => page.getByRole("button", { name: "作出处理决定" }).isEnabled())
      .toBe(true);
    await page.getByRole("button", { name: "作出处理决定" }).click();
    const decide = page.getByRole("dialog");
    await decide.getByLabel("处理方式").click();
    await option("党内警告").click();
    await decide.getByLabel("查明的事实").fill(FACTS);
    await decide
      .getByLabel("处理依据和理由")
      .fill("其行为违反《规定》第十条，鉴于及时删除，给予党内警告处分。");
    await decide.getByLabel("作出决定的组织").fill("中共城关街道幸福社区支部委员会");
    await decide.getByLabel("会议", { exact: true }).fill("支部党员大会");
    await decide.getByLabel("会议日期").fill("2026-12-01");
    await shot(page, "discipline-decide");
    await ok();
    await page.getByText(/· 已作出处理决定/).waitFor();
    await page.getByRole("link", { name: "处理决定书" }).waitFor();
  });

  it("the member reads the decision and appeals", async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await signIn(page, server, "demo.member", { fresh: true });
    await page.goto(`${server.url}/my-discipline/${caseId}`);
    await page.getByText("党内警告").first().waitFor();
    await page.getByText("不予采纳").waitFor();
    await page.getByLabel("申诉理由").fill("已及时删除并说明，请求改为批评教育。");
    await shot(page, "discipline-m-decision");
    await page.getByRole("button", { name: /提出申诉/ }).click();
    await confirm();
    await page.getByText(/已于 .* 提出申诉/).waitFor();
  });

  it("the city's discipline officer reviews the appeal and changes the measure", async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, server, "demo.discipline", { fresh: true });
    await page.goto(caseUrl);
    await page.getByRole("button", { name: "作出申诉复查决定" }).click();
    const review = page.getByRole("dialog");
    await review.getByText("变更").click();
    await review.getByLabel("变更后的处理方式").click();
    await option("批评教育").click();
    await review
      .getByLabel("处理依据和理由")
      .fill("本人及时删除并作说明，情节轻微，改为批评教育。");
    await review.getByLabel("作出决定的组织").fill("中共青山市纪律检查委员会");
    await review.getByLabel("会议", { exact: true }).fill("市纪委常委会会议");
    await review.getByLabel("会议日期").fill("2026-12-01");
    await ok();
    await page.getByText(/· 已办结/).waitFor();
    await shot(page, "discipline-reviewed");

    await page.setViewportSize({ width: 375, height: 812 });
    await signIn(page, server, "demo.member", { fresh: true });
    await page.goto(`${server.url}/my-discipline/${caseId}`);
    await page.getByText("申诉复查：变更原处理决定：批评教育").waitFor();
    await shot(page, "discipline-m-reviewed");
  });
});
