import type { Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, shot } from "./support/browser";
import { type RunningServer, startServer } from "./support/server";

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

/** First sign-in of a demo account: its printed password, a new one if asked, consent. */
async function firstSignIn(page: Page, username: string, newPassword: string, landing: string) {
  await page.goto(`${server.url}${landing}`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(server.passwords.get(username) ?? "");
  await page.locator("form button[type=submit]").click();
  const change = page.getByText("首次登录须修改初始密码");
  const notice = page.getByText("个人信息处理告知").first();
  await change.or(notice).first().waitFor();
  if (await change.isVisible()) {
    await page.getByLabel("新密码", { exact: true }).fill(newPassword);
    await page.getByLabel("再次输入新密码").fill(newPassword);
    await page.getByRole("button", { name: "保存新密码" }).click();
  }
  await notice.waitFor();
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "同意并继续" }).click();
  await page.getByTestId("user-menu").waitFor();
}

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
    await firstSignIn(secretary, "demo.secretary", "Xuexi#Shuji2024", "/study-admin/questions");
    await expect.poll(() => secretary.url()).toContain("/study-admin/questions");
    await secretary.getByRole("button", { name: "从条文生成草稿" }).click();
    await secretary.getByText(/生成 \d+ 道草稿/).waitFor();
    await snap(secretary, "drafts");
    for (let i = 0; i < 6; i++) {
      await secretary
        .getByRole("button", { name: /^通\s?过$/ })
        .first()
        .click();
      await secretary.waitForTimeout(250);
    }
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
    await secretary
      .locator(".ant-select-item-option")
      .filter({ hasText: "第十九条" })
      .first()
      .click();
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
    await secretary
      .locator(".ant-select-item-option")
      .filter({ hasText: "第十九条" })
      .first()
      .click();
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
    await secretary.getByLabel("必学资料").click();
    await secretary
      .locator(".ant-select-item-option")
      .filter({ hasText: "第十九条：不得" })
      .click();
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
    await row.getByText("已发布").waitFor();
    // Once published there is nothing to edit.
    expect(await row.getByRole("button", { name: /^修\s?改$/ }).count()).toBe(0);
    await snap(secretary, "campaign-published");
  });

  it("a member takes the exam on a phone, reloads midway and loses nothing", async () => {
    await firstSignIn(member, "demo.member", "Xuexi#Dangyuan2024", "/study");
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
    await member
      .locator(".ant-modal-confirm")
      .getByRole("button", { name: /^交\s?卷$/ })
      .click();
    await member.getByTestId("exam-score").waitFor();
    await expect(member.getByText("解析").count()).resolves.toBeGreaterThan(0);
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
});
