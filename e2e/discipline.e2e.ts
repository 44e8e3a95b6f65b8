import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, shot } from "./support/browser";
import { openOption, pick } from "./support/select";
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
const option = (text: string | RegExp) => openOption(page, text);

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
    // The answers are in the history and the page has reloaded the case before the next step.
    await page.getByText("答复陈述申辩意见", { exact: true }).waitFor();
    await expect
      .poll(() => page.getByRole("button", { name: "作出处理决定" }).isEnabled())
      .toBe(true);
    await page.getByRole("button", { name: "作出处理决定" }).click();
    const decide = page.getByRole("dialog");
    await pick(page, decide.getByLabel("处理方式"), "党内警告");
    await decide.getByLabel("查明的事实").fill(FACTS);
    await decide
      .getByLabel("处理依据和理由")
      .fill("其行为违反《规定》第十条，鉴于及时删除，给予党内警告处分。");
    await decide.getByLabel("作出决定的组织").fill("中共城关街道幸福社区支部委员会");
    await decide.getByLabel("会议", { exact: true }).fill("支部党员大会");
    await decide.getByLabel("会议日期").fill("2026-12-01");
    await shot(page, "discipline-decide");
    await ok();
    // A refusal shows at a field the dialog may have scrolled away; name it if there is one.
    await expect
      .poll(async () =>
        (await page.getByText(/· 已作出处理决定/).count()) > 0
          ? "decided"
          : (await decide.locator(".ant-form-item-explain-error").allTextContents()).join("；"),
      )
      .toBe("decided");
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

/** Calls the API as whoever is signed in on the page, with their CSRF token. */
async function api(method: "GET" | "POST" | "PATCH", url: string, body?: unknown) {
  const session = await page.request.get(`${server.url}/api/auth/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const res = await page.request.fetch(`${server.url}/api${url}`, {
    method,
    headers: { "x-csrf-token": csrfToken, "content-type": "application/json" },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return res.json();
}

const FINDING = "报告称收受的游戏装备已上交，经核实未上交且已在二手平台出售，建议立案审查。";

/**
 * The branch marks 刘… as a cadre and opens a declaration campaign; the cadre declares a gift;
 * the secretary's finding on it is marked 「需立案审查」. The city's discipline officer opens the
 * case from the list of findings awaiting one, then reads the statistics and exports them.
 */
describe("a discipline case from a declaration finding, and the statistics", () => {
  let memberId = 0;
  it("the secretary records a finding marked for a case on the cadre's declaration", async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, server, "demo.member", { fresh: true });
    memberId = (await api("GET", "/auth/session")).user.memberId;
    await signIn(page, server, "demo.secretary", { fresh: true });
    const branch = (await api("GET", "/auth/session")).grants[0].orgId;
    await api("PATCH", `/members/${memberId}`, { isCadre: true, position: "社区居委会副主任" });
    const dueOn = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const campaign = await api("POST", "/registry/declaration-campaigns", {
      orgId: branch,
      kind: "annual",
      title: "2026年度党员干部个人有关事项报告",
      periodFrom: "2026-01-01",
      periodTo: "2026-12-31",
      dueOn,
    });
    await signIn(page, server, "demo.member", { fresh: true });
    const declaration = await api(
      "POST",
      `/registry/declaration-campaigns/${campaign.id}/declarations`,
      {
        assetsNone: false,
        assets: [
          {
            kind: "game_item",
            description: "某网络游戏账号内的限定皮肤装备一套",
            source: "辖区某科技公司负责人，节日期间",
            receivedOn: "2026-02-10",
            handover: "次日上交街道纪工委",
            handedOverOn: "2026-02-11",
          },
        ],
        activitiesNone: true,
        activities: [],
      },
    );
    await signIn(page, server, "demo.secretary", { fresh: true });
    await api("POST", `/registry/declarations/${declaration.id}/findings`, {
      finding: FINDING,
      referToCase: true,
    });
  });

  it("the city's discipline officer opens the case from the finding, picked from a list", async () => {
    await signIn(page, server, "demo.discipline", { fresh: true });
    await page.goto(`${server.url}/discipline`);
    const pending = page.locator(".ant-card").filter({ hasText: "待立案的核查意见" });
    await pending.getByText(FINDING).waitFor();
    await shot(page, "discipline-pending-findings");
    await pending.getByRole("link", { name: "据此立案" }).click();
    await page.getByText(`${member}（`).first().waitFor();
    await expect
      .poll(() => page.getByLabel("反映的问题（仅承办人可见）").inputValue())
      .toContain(FINDING);
    await page.getByLabel("行为发生日期").fill("2026-02-10");
    await page.getByLabel("涉嫌违反的条款").click();
    await page.getByLabel("涉嫌违反的条款").fill("第十八条");
    await option(/^第十八条/).click();
    await page.keyboard.press("Escape");
    await shot(page, "discipline-open-from-finding");
    await page.getByRole("button", { name: /^立\s?案$/ }).click();
    await page.getByText(/JL-\d{4}-\d{6} · 审查调查中/).waitFor();
    await page.getByText("个人有关事项报告核查", { exact: true }).waitFor();
    await page.locator(".ant-alert").getByText(FINDING, { exact: true }).waitFor();
    await shot(page, "discipline-case-from-finding");
    await page.setViewportSize({ width: 375, height: 812 });
    await shot(page, "discipline-m-case-from-finding");
    await page.setViewportSize({ width: 1440, height: 900 });
    const caseUrl = page.url();
    await page.getByRole("link", { name: "查看该报告" }).click();
    await page.waitForURL(/\/registry-admin\/declaration\/\d+$/);
    await page.getByText(FINDING).first().waitFor();
    await page.goto(caseUrl);

    // The finding has its case: it leaves the list, and a second case from it is refused.
    await page.goto(`${server.url}/discipline`);
    await page
      .getByText(/JL-\d{4}-\d{6} · 纪律审查/)
      .first()
      .waitFor();
    expect(await page.getByText("待立案的核查意见").count()).toBe(0);
  });

  it("the statistics page floors small counts and exports the sheet", async () => {
    await page.goto(`${server.url}/discipline`);
    await page.getByRole("button", { name: /统\s?计/ }).click();
    await page.getByText("按《规定》条款").waitFor();
    await page.locator("canvas").first().waitFor();
    await page.getByRole("cell", { name: "<3" }).first().waitFor();
    await shot(page, "discipline-stats");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: /导出 Excel/ }).click(),
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(readFileSync(await download.path())).buffer);
    const sheet = book.getWorksheet("纪律审查统计");
    expect(String(sheet?.getCell("A1").value)).toBe("纪律审查情况统计");
    const values = (sheet?.getColumn(7).values ?? []).map(String);
    expect(values).toContain("<3");
    await page.setViewportSize({ width: 375, height: 812 });
    await page.reload();
    await page.getByText("按办理组织").waitFor();
    await shot(page, "discipline-m-stats");
  });

  it("shows the member 我的纪律审查 in the menu, without the finding", async () => {
    await signIn(page, server, "demo.member", { fresh: true });
    await page.goto(`${server.url}/my-discipline`);
    await page.getByText("我的纪律审查").first().waitFor();
    await shot(page, "discipline-m-mine");
    const mine = await api("GET", "/discipline/mine");
    expect(JSON.stringify(mine)).not.toContain(FINDING);
  });
});
