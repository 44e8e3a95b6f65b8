import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, shot } from "./support/browser";
import { type RunningServer, startServer } from "./support/server";
import { signIn } from "./support/sign-in";

/**
 * A branch's year, as its people meet it: the secretary opens accounts for the whole roster
 * with one click and prints the slips; a member signs in with a slip on a phone, changes the
 * password, and finds on the home page what to do and a message about the new campaign.
 * Screenshots at 1440 px (desk) and 375 px (phone).
 */

let server: RunningServer;
let desk: Awaited<ReturnType<typeof openBrowser>>;
let phone: Awaited<ReturnType<typeof openBrowser>>;
let secretary: Page;
let member: Page;
const slips: { name: string; username: string; password: string }[] = [];
let campaignId = 0;
const campaignTitle = "学习贯彻《党员网络行为规定》专题学习";
const consoleErrors: string[] = [];

beforeAll(async () => {
  server = await startServer();
  desk = await openBrowser();
  phone = await openBrowser();
  secretary = await desk.context.newPage();
  member = await phone.context.newPage();
  await member.setViewportSize({ width: 375, height: 812 });
  for (const page of [secretary, member]) {
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(`${page.url()}: ${m.text()}`);
    });
  }
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail") {
    await shot(secretary, "year-FAILED-secretary");
    await shot(member, "year-FAILED-member");
    console.error(server.output().slice(-3000));
  }
});

afterAll(async () => {
  await desk?.close();
  await phone?.close();
  await server?.stop();
});

const snap = (page: Page, name: string) => shot(page, `year-${name}`);

/** The secretary's API calls for what this journey does not test by hand (the bank). */
async function api(method: "GET" | "POST", path: string, body?: unknown) {
  const session = await secretary.request.get(`${server.url}/api/auth/session`);
  const csrf = (await session.json()).csrfToken as string;
  const res = await secretary.request.fetch(`${server.url}/api${path}`, {
    method,
    headers: { "x-csrf-token": csrf, "content-type": "application/json" },
    ...(body === undefined ? {} : { data: JSON.stringify(body) }),
  });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return res.json();
}

describe("a branch's year on Wanggui", () => {
  it("the sign-in page loads without an error in the console", async () => {
    await member.goto(`${server.url}/sign-in`);
    await member.getByLabel("用户名").waitFor();
    expect(consoleErrors).toEqual([]);
  });

  it("the secretary signs in to the workbench, which counts the members without accounts", async () => {
    await signIn(secretary, server, "demo.secretary", { newPassword: "Dangwu#Shuji2026" });
    await secretary.goto(`${server.url}/`);
    const org = secretary.getByTestId("workbench-org");
    await org.getByText("未开通账号").waitFor();
    expect(secretary.url()).toContain("/workbench");
    await snap(secretary, "secretary-workbench-before");
  });

  it("opens accounts for every member from the roster with one click, and prints the slips", async () => {
    await secretary.goto(`${server.url}/members`);
    await secretary.getByTestId("account-state").first().waitFor();
    await secretary.getByTestId("open-accounts").click();
    await secretary.getByRole("button", { name: /^开\s?通$/ }).click();
    const sheet = secretary.getByTestId("account-slips");
    await sheet.waitFor();
    const cards = sheet.getByTestId("account-slip");
    await expect.poll(() => cards.count()).toBeGreaterThanOrEqual(29);
    for (const card of await cards.all()) {
      const text = (await card.textContent()) ?? "";
      expect(text).toContain("所在党组织：城关街道幸福社区党支部");
      expect(text).toContain(`登录地址：${server.url}/sign-in`);
      slips.push({
        name: (text.match(/姓名：(.+?)所在党组织/) ?? [])[1] ?? "",
        username: (await card.getByTestId("slip-username").textContent()) ?? "",
        password: (await card.getByTestId("slip-password").textContent()) ?? "",
      });
    }
    expect(new Set(slips.map((s) => s.username)).size).toBe(slips.length);
    expect(slips.every((s) => s.name.length >= 2)).toBe(true);
    expect(slips.every((s) => /^dy\d+$/.test(s.username) && s.password.length >= 10)).toBe(true);
    await snap(secretary, "account-slips");
    await secretary.getByRole("button", { name: /^关\s闭$/ }).click();
    await secretary.getByRole("button", { name: "已打印，关闭" }).click();
    await sheet.waitFor({ state: "hidden" });
    // Nobody is left without an account; everyone opened waits for a first sign-in.
    await expect
      .poll(() => secretary.getByTestId("account-state").filter({ hasText: "未开通" }).count())
      .toBe(0);
    await snap(secretary, "roster-accounts");
  });

  it("publishes a campaign for the branch", async () => {
    const session = await api("GET", "/auth/session");
    const branchId = session.grants[0].orgId as number;
    const articles = (await api("GET", "/study/articles")).items as {
      id: number;
      number: number;
    }[];
    const art19 = articles.find((a) => a.number === 19)?.id;
    for (const [i, stem] of [
      "党员干部可以以职务身份开展直播带货。",
      "党员可以在网上散布未经核实的涉党信息。",
      "党员应当自觉维护网络空间清朗。",
      "党员干部可以利用网络公众账号谋取私利。",
      "党员应当带头遵守网络法律法规。",
    ].entries()) {
      const q = await api("POST", "/study/questions", {
        orgId: branchId,
        type: "true_false",
        stem,
        answer: [i === 2 || i === 4 ? "true" : "false"],
        explanation: "依据《中国共产党党员网络行为规定》",
        articleIds: [art19],
      });
      await api("POST", `/study/questions/${q.id}/review`, { decision: "approve" });
    }
    const now = Date.now();
    const campaign = await api("POST", "/study/campaigns", {
      orgId: branchId,
      title: campaignTitle,
      description: "学习规定全文并参加测试",
      startsAt: new Date(now - 3_600_000).toISOString(),
      endsAt: new Date(now + 14 * 86_400_000).toISOString(),
      materialIds: [],
      passMark: 60,
      timeLimitMinutes: 30,
      maxAttempts: 2,
      rules: [{ chapter: null, type: "true_false", count: 3 }],
    });
    campaignId = campaign.id;
    await api("POST", `/study/campaigns/${campaignId}/publish`, {});
  });

  it("a member signs in with a slip on a phone and must change the password first", async () => {
    const slip = slips[0];
    if (!slip) throw new Error("no slip");
    await signIn(member, server, slip.username, {
      password: slip.password,
      newPassword: "Qiushui#Huangting7351",
    });
    await member.goto(`${server.url}/`);
    await member.getByTestId("workbench-task").first().waitFor();
    expect(member.url()).toContain("/workbench");
  });

  it("the member's workbench lists the campaign and today's practice, at 375 and 1440 px", async () => {
    const tasks = member.getByTestId("workbench-task");
    await tasks.filter({ hasText: campaignTitle }).waitFor();
    await tasks.filter({ hasText: "每日一练" }).waitFor();
    await snap(member, "m-member-workbench");
    await member.setViewportSize({ width: 1440, height: 900 });
    await snap(member, "member-workbench");
    await member.setViewportSize({ width: 375, height: 812 });
  });

  it("the bell shows the unread message; the inbox opens it at the campaign", async () => {
    const bell = member.getByTestId("inbox-bell");
    await expect.poll(() => bell.locator("xpath=..").textContent()).toContain("1");
    await bell.click();
    const item = member.getByTestId("inbox-item").filter({ hasText: campaignTitle });
    await item.waitFor();
    await snap(member, "m-inbox");
    await member.setViewportSize({ width: 1440, height: 900 });
    await snap(member, "inbox");
    await member.setViewportSize({ width: 375, height: 812 });
    await item.click();
    await expect.poll(() => member.url()).toContain(`/study/tasks/${campaignId}`);
    await member.getByText(campaignTitle).first().waitFor();
    await snap(member, "m-campaign-from-message");
    await member.goto(`${server.url}/inbox`);
    await member.getByTestId("inbox-item").first().waitFor();
    expect(await member.getByRole("button", { name: "全部标为已读" }).isDisabled()).toBe(true);
  });

  it("the secretary's workbench shows the campaign's progress and no one without an account", async () => {
    await secretary.goto(`${server.url}/workbench`);
    const org = secretary.getByTestId("workbench-org");
    await org.getByText(campaignTitle).waitFor();
    await expect.poll(() => org.textContent()).toMatch(/未开通账号\s*0/);
    await snap(secretary, "secretary-workbench-after");
    await secretary.setViewportSize({ width: 375, height: 812 });
    await snap(secretary, "m-secretary-workbench");
    await secretary.setViewportSize({ width: 1440, height: 900 });
  });

  it("the practice page loads without an error in the console", async () => {
    consoleErrors.length = 0;
    await member.goto(`${server.url}/study/practice`);
    await member.getByText("每日一练").first().waitFor();
    await member.waitForTimeout(1000);
    expect(consoleErrors).toEqual([]);
    await snap(member, "m-practice");
  });
});
