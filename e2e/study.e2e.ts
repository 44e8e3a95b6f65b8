import type { Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, shot } from "./support/browser";
import { retryUntil } from "./support/retry";
import { openOption } from "./support/select";
import { type RunningServer, startServer } from "./support/server";
import { signIn } from "./support/sign-in";
import { totp } from "./support/totp";

let server: RunningServer;
let desk: Awaited<ReturnType<typeof openBrowser>>;
let phone: Awaited<ReturnType<typeof openBrowser>>;
let secretary: Page;
let member: Page;
let campaignTitle = "";

beforeAll(async () => {
  server = await startServer();
  desk = await openBrowser();
  phone = await openBrowser();
  secretary = await desk.context.newPage();
  member = await phone.context.newPage();
  // A phone: 375 px wide, as most members will take the exam.
  await member.setViewportSize({ width: 375, height: 812 });
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail") {
    await shot(secretary, "study-FAILED-secretary");
    await shot(member, "study-FAILED-member");
    console.error(server.output().slice(-3000));
  }
});

afterAll(async () => {
  await desk?.close();
  await phone?.close();
  await server?.stop();
});

/** A fill-in gets the modal word; a choice question its first option. */
async function answer(question: Locator) {
  const input = question.locator("input.ant-input");
  if ((await input.count()) > 0) await input.fill("不得");
  else await question.locator(".ant-radio-wrapper, .ant-checkbox-wrapper").first().click();
}

async function answered(question: Locator): Promise<boolean> {
  const input = question.locator("input.ant-input");
  if ((await input.count()) > 0) return (await input.inputValue()) !== "";
  return (
    (await question.locator(".ant-radio-wrapper-checked, .ant-checkbox-wrapper-checked").count()) >
    0
  );
}

/** Studies take place in shot order: study-NN-name.png. */
const snap = (page: Page, name: string) => shot(page, `study-${name}`);

describe("a study campaign, from the secretary's desk to a member's phone", () => {
  it("the secretary reviews generated drafts into the bank", async () => {
    await signIn(secretary, server, "demo.secretary", {
      newPassword: "Xuexi#Shuji2024",
      landing: "/study-admin/questions",
    });
    await expect.poll(() => secretary.url()).toContain("/study-admin/questions");
    // 生成草稿 asks first: which chapter, which kinds, how many.
    const generate = async (count: number) => {
      await secretary.getByTestId("generate").click();
      const dialog = secretary.getByRole("dialog");
      await dialog.getByTestId("generate-scope").click();
      await secretary.locator(".ant-select-tree-title").filter({ hasText: "第三章" }).click();
      await secretary.keyboard.press("Escape");
      await dialog
        .locator('[data-testid="generate-limit"]')
        .locator("xpath=descendant-or-self::input")
        .first()
        .fill(String(count));
      await snap(secretary, "generate-dialog");
      await dialog.getByRole("button", { name: /^生\s?成$/ }).click();
    };
    await generate(12);
    await secretary.getByText(/生成 12 道草稿/).waitFor();
    // The key is in the list: no click per question to check it.
    await expect.poll(() => secretary.getByTestId("answer-key").count()).toBeGreaterThan(6);
    await snap(secretary, "drafts");
    await secretary.setViewportSize({ width: 375, height: 812 });
    await snap(secretary, "drafts-phone");
    await secretary.setViewportSize({ width: 1440, height: 900 });
    const rows = secretary.locator(".ant-table-tbody .ant-table-row");
    for (let i = 0; i < 6; i++) await rows.nth(i).locator(".ant-checkbox-input").check();
    await secretary.getByTestId("approve-many").click();
    const confirm = secretary.locator(".ant-modal-confirm");
    await retryUntil(
      (attempt) =>
        confirm
          .getByRole("button", { name: /^通\s?过$/ })
          .click({ timeout: attempt === 1 ? 30_000 : 2_000 })
          .catch(() => undefined),
      async () => (await confirm.count()) === 0,
      "通过 in the confirm",
    );
    await secretary.getByText("已通过 6 道试题", { exact: false }).waitFor();
    await expect.poll(() => rows.count()).toBe(6);
    // The same chapter again: what the bank holds is skipped and counted, not added twice.
    await generate(200);
    await secretary.getByText(/跳过 \d+ 道题库中已有的试题/).waitFor();
    await secretary.getByText("已审核", { exact: true }).first().click();
    await expect.poll(() => secretary.locator(".ant-table-row").count()).toBeGreaterThanOrEqual(6);
    await snap(secretary, "approved-bank");
  });

  it("writes a true/false question by hand; it waits for review like any draft", async () => {
    await secretary.getByTestId("new-question").click();
    const dialog = secretary.getByRole("dialog");
    await dialog.getByText("判断题", { exact: true }).click();
    const stem = `党员干部可以用职务身份开展直播带货 ${Date.now() % 10000}`;
    await dialog.getByTestId("question-stem").fill(stem);
    await dialog.getByRole("radio", { name: "错误" }).check();
    await dialog.getByLabel("引用条文").fill("第十九条");
    await openOption(secretary, "第十九条").click();
    await secretary.keyboard.press("Escape");
    await dialog.getByTestId("question-explanation").fill("第十九条：不得以职务身份直播带货");
    await snap(secretary, "question-form");
    await dialog.getByRole("button", { name: /^保\s?存$/ }).click();
    const row = secretary.locator(".ant-table-row").filter({ hasText: stem });
    await row.getByText("待审核").waitFor();
    await row.getByRole("button", { name: /^通\s?过$/ }).click();
    await row.waitFor({ state: "detached" });
  });

  it("adds article 19 as a required material and publishes a campaign for the branch", async () => {
    await secretary.goto(`${server.url}/study-admin/materials`);
    await secretary.getByLabel("标题").fill("第十九条：不得以职务身份直播带货");
    await secretary.getByLabel("引用条文").fill("第十九条");
    await openOption(secretary, "第十九条").click();
    await secretary.keyboard.press("Escape");
    await secretary.getByRole("button", { name: /^保\s?存$/ }).click();
    await secretary
      .locator(".ant-table-row")
      .filter({ hasText: "第十九条：不得以职务身份直播带货" })
      .waitFor();
    await snap(secretary, "material");

    await secretary.goto(`${server.url}/study-admin`);
    await secretary.getByTestId("new-campaign").click();
    campaignTitle = `网络行为规定专题学习 ${Date.now() % 10000}`;
    await secretary.getByTestId("campaign-title").fill(campaignTitle);
    // The count box of the one default rule (antd may put the test id on the input or its wrapper).
    await secretary
      .locator('[data-testid="rule-count"]')
      .locator("xpath=descendant-or-self::input")
      .first()
      .fill("4");
    // Materials are found by title on the server, as a city's list outgrows any page.
    await secretary.getByLabel("必学资料").fill("第十九条");
    await openOption(secretary, "第十九条：不得").click();
    await secretary.keyboard.press("Escape");
    await snap(secretary, "campaign-form");
    await secretary.getByRole("button", { name: /^保\s?存$/ }).click();
    // A draft can still be edited; the same form opens with its values.
    const draft = secretary.locator(".ant-table-row").filter({ hasText: campaignTitle });
    await draft.getByRole("button", { name: /^修\s?改$/ }).click();
    await expect
      .poll(() => secretary.getByTestId("campaign-title").inputValue())
      .toBe(campaignTitle);
    campaignTitle = `${campaignTitle}（修订）`;
    await secretary.getByTestId("campaign-title").fill(campaignTitle);
    await secretary.getByRole("button", { name: /^保\s?存$/ }).click();
    const row = secretary.locator(".ant-table-row").filter({ hasText: campaignTitle });
    await row.getByRole("button", { name: /^发\s?布$/ }).click();
    // Publishing tells every member: it asks first.
    const confirm = secretary.locator(".ant-modal-confirm");
    await confirm.getByText("全体党员将收到学习通知").waitFor();
    await confirm.getByRole("button", { name: /^发\s?布$/ }).click();
    await row.getByText("已发布").waitFor();
    // Once published there is nothing to edit.
    expect(await row.getByRole("button", { name: /^修\s?改$/ }).count()).toBe(0);
    await snap(secretary, "campaign-published");
  });

  it("a member takes the exam on a phone, reloads midway and loses nothing", async () => {
    await signIn(member, server, "demo.member", {
      newPassword: "Xuexi#Dangyuan2024",
      landing: "/study",
    });
    await expect.poll(() => member.url()).toContain("/study");
    const task = member.getByTestId("study-task").filter({ hasText: campaignTitle });
    await task.waitFor();
    await expect(task.getByTestId("start-exam").isDisabled()).resolves.toBe(true);
    await task.getByRole("link", { name: "第十九条" }).waitFor();
    await task.getByRole("button", { name: "标记已学" }).click();
    await task.getByText("已学").waitFor();
    await snap(member, "member-tasks");
    await task.getByTestId("start-exam").click();
    await member.getByTestId("exam-question").first().waitFor();
    const questions = member.getByTestId("exam-question");
    expect(await questions.count()).toBe(4);
    // Answer the first two, wait for the server to confirm, then reload.
    for (const i of [0, 1]) await answer(questions.nth(i));
    await member.getByTestId("save-state").filter({ hasText: "已自动保存" }).waitFor();
    await snap(member, "exam-midway");
    await member.reload();
    await member.getByTestId("exam-question").first().waitFor();
    for (const i of [0, 1]) await expect.poll(() => answered(questions.nth(i))).toBe(true);
    expect(await answered(questions.nth(2))).toBe(false);
    await snap(member, "exam-after-reload");
    for (const i of [2, 3]) await answer(questions.nth(i));
    await member.getByTestId("submit-exam").click();
    const confirm = member.locator(".ant-modal-confirm").getByRole("button", { name: /^交\s?卷$/ });
    const score = member.getByTestId("exam-score");
    // On a busy machine a click can land while the dialog is still zooming in and be lost:
    // press again only while the dialog is still there and no score has come.
    for (let tries = 0; tries < 3 && !(await score.isVisible()); tries++) {
      if (await confirm.isVisible()) await confirm.click().catch(() => undefined);
      await score.waitFor({ timeout: 10_000 }).catch(() => undefined);
    }
    await score.waitFor();
    await expect(member.getByText("解析").count()).resolves.toBeGreaterThan(0);
    // Each answer is reviewed against the options in the order this member saw them.
    const verdicts = member.getByTestId("review-verdict");
    expect(await verdicts.count()).toBe(4);
    for (let i = 0; i < 4; i++) {
      expect(await verdicts.nth(i).textContent()).toMatch(/您的答案：.+　正确答案：.+/);
    }
    // A choice question lists its options in this member's order, marking their pick.
    const cards = member.getByTestId("review-question");
    for (let i = 0; i < 4; i++) {
      const card = cards.nth(i);
      if ((await card.getByText("填空题").count()) > 0) continue;
      expect(await card.getByTestId("review-option").count()).toBeGreaterThan(1);
      expect(await card.getByText("您的选择").count()).toBe(1);
    }
    await snap(member, "exam-result");
  });

  it("the secretary sees the member's result and the branch's completion", async () => {
    await secretary.goto(`${server.url}/study-admin`);
    await secretary
      .locator(".ant-table-row")
      .filter({ hasText: campaignTitle })
      .getByRole("button", { name: "完成情况" })
      .click();
    await secretary.getByTestId("results-totals").waitFor();
    await expect
      .poll(() => secretary.getByTestId("results-totals").textContent())
      .toMatch(/未开始 \d+/);
    const row = secretary
      .locator(".ant-table-row")
      .filter({ has: secretary.getByText(/已通过|未通过/) });
    await expect.poll(() => row.count()).toBe(1);
    await secretary.getByRole("button", { name: "提醒未开始的党员" }).click();
    await secretary.getByText(/已向 \d+ 人发送提醒/).waitFor();
    await snap(secretary, "results");
  });

  it("a campaign nobody has sat is viewed and withdrawn with a reason; its members are told", async () => {
    await secretary.goto(`${server.url}/study-admin`);
    // The taken one can be read but not withdrawn.
    const taken = secretary.locator(".ant-table-row").filter({ hasText: campaignTitle });
    await taken.getByRole("button", { name: /^查\s?看$/ }).click();
    const drawer = secretary.locator(".ant-drawer");
    await drawer.getByText(/人次参加考试，不能撤回/).waitFor();
    expect(await drawer.getByTestId("withdraw").count()).toBe(0);
    await snap(secretary, "campaign-detail-taken");
    await drawer.locator(".ant-drawer-close").click();
    await drawer.waitFor({ state: "hidden" });

    const mistaken = `误发的专题学习 ${Date.now() % 10000}`;
    await secretary.getByTestId("new-campaign").click();
    await secretary.getByTestId("campaign-title").fill(mistaken);
    await secretary.getByRole("button", { name: /^保\s?存$/ }).click();
    const row = secretary.locator(".ant-table-row").filter({ hasText: mistaken });
    await row.getByRole("button", { name: /^发\s?布$/ }).click();
    await secretary
      .locator(".ant-modal-confirm")
      .getByRole("button", { name: /^发\s?布$/ })
      .click();
    await row.getByText("已发布").waitFor();
    await row.getByRole("button", { name: /^查\s?看$/ }).click();
    await drawer.getByTestId("withdraw").click();
    const dialog = secretary.getByRole("dialog").filter({ hasText: "撤回原因" });
    await dialog.getByTestId("withdraw-reason").fill("面向组织选错，修改后重新发布");
    await snap(secretary, "campaign-withdraw");
    await dialog.getByRole("button", { name: /^撤\s?回$/ }).click();
    await secretary.getByText(/已撤回，已通知 \d+ 人/).waitFor();
    await drawer.getByText("撤回原因：面向组织选错，修改后重新发布").waitFor();
    await row.getByText("已撤回").waitFor();
    await snap(secretary, "campaign-withdrawn");
    await secretary.setViewportSize({ width: 375, height: 812 });
    await snap(secretary, "campaign-withdrawn-phone");
    await secretary.setViewportSize({ width: 1440, height: 900 });

    await member.goto(`${server.url}/inbox`);
    await member.getByText(`专题学习已撤回：${mistaken}`).waitFor();
    await snap(member, "inbox-withdrawn");
    await member.goto(`${server.url}/study`);
    await member.getByTestId("study-task").first().waitFor();
    expect(await member.getByText(mistaken).count()).toBe(0);
  });

  it("the member practises 每日一练 and, once the branch turns rankings on, sees the ranking", async () => {
    await secretary.goto(`${server.url}/study-admin`);
    await secretary.getByRole("switch").click();
    await expect
      .poll(() => secretary.getByRole("switch").getAttribute("aria-checked"))
      .toBe("true");
    await member.goto(`${server.url}/study/practice`);
    const first = member.locator(".ant-card").filter({ has: member.getByText("第 1 题") });
    await first.waitFor();
    // The day's first question may be of any type; answer it the way the exam step does.
    await answer(first);
    await first.getByRole("button", { name: "提交答案" }).click();
    await first.getByText(/正确答案/).waitFor();
    await member.getByText("本支部积分排行").waitFor();
    await snap(member, "practice");
  });

  it("the auditor reads the withdrawal in Chinese: action, person, org, change and raw row", async () => {
    const audit = await openBrowser();
    const page = await audit.context.newPage();
    try {
      // The audit administrator's first sign-in: a new password, then TOTP (三员 use both).
      await page.goto(`${server.url}/admin/audit`);
      await page.getByLabel("用户名").fill("auditadmin");
      await page.getByLabel("密码").fill(server.passwords.get("auditadmin") ?? "");
      await page.locator("form button[type=submit]").click();
      await page.getByText("首次登录须修改初始密码").waitFor();
      await page.getByLabel("新密码", { exact: true }).fill("Shenji#Guanli2026x");
      await page.getByLabel("再次输入新密码").fill("Shenji#Guanli2026x");
      await page.getByRole("button", { name: "保存新密码" }).click();
      const secret = (await page.getByTestId("totp-secret").textContent())?.trim() ?? "";
      await page.getByLabel("动态口令（6 位数字）").fill(totp(secret));
      await page.getByRole("button", { name: "确认绑定" }).click();
      await page.getByRole("button", { name: /我已妥善保存/ }).click();
      await page.getByRole("checkbox").check();
      await page.getByRole("button", { name: "同意并继续" }).click();
      await page.goto(`${server.url}/admin/audit`);
      await page.getByTestId("audit-keyword").locator("input").fill("撤回");
      await page.getByTestId("audit-keyword").locator("input").press("Enter");
      const row = page.locator(".ant-table-row").filter({ hasText: "撤回专题学习" }).first();
      await row.waitFor();
      expect(await row.textContent()).not.toMatch(/study\.campaign|\d+\.\d+\.\d+/);
      await row.getByText("许桂玲").waitFor();
      await row.locator(".ant-table-row-expand-icon").click();
      const changes = page.getByTestId("audit-changes").first();
      await changes.getByText("已撤回").waitFor();
      await changes.getByText("面向组织选错，修改后重新发布").waitFor();
      await page.getByText("原始记录").first().click();
      await page
        .getByTestId("audit-raw")
        .getByText(/study\.campaign\.withdraw/)
        .waitFor();
      await shot(page, "study-audit-withdrawal");
      await page.setViewportSize({ width: 375, height: 812 });
      await shot(page, "study-audit-withdrawal-phone");
    } finally {
      await audit.close();
    }
  });
});
