import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { shot } from "./support/browser";
import { retryUntil } from "./support/retry";
import {
  beijingDay,
  callApi,
  docxText,
  myName,
  option,
  pickDate,
  press,
  useJourney,
  xlsxStrings,
} from "./support/review-journey";
import { pick } from "./support/select";
import type { RunningServer } from "./support/server";
import { signIn } from "./support/sign-in";

const journey = useJourney("review-ballots");
let page: Page;
let server: RunningServer;
beforeAll(() => {
  ({ page, server } = journey);
});

/**
 * An item no self-review listed: the secretary records a higher committee's feedback for a
 * member at a desk, the member reports it done on a phone, the secretary 销号s it and the
 * 整改台账 downloads with its title and the item as closed.
 */
describe("rectification added by hand and 销号", () => {
  const problem = "镇党委反馈：在业主群转发未经核实的停水通知";
  let member = "";

  it("the secretary adds the item for a member, confirming whom it goes to", async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, server, "demo.member", { fresh: true });
    member = await myName(page, server);
    await signIn(page, server, "demo.secretary", { fresh: true });
    await page.goto(`${server.url}/review/rectifications?status=all`);
    await page.getByRole("button", { name: "新增整改事项" }).click();
    const form = page.getByRole("dialog").filter({ hasText: "问题来源" });
    await form.getByText("上级反馈", { exact: true }).click();
    const owner = form.getByLabel("责任人");
    await owner.click();
    await owner.fill(member);
    await option(page, member).click();
    await form.getByLabel("问题", { exact: true }).fill(problem);
    await form.getByLabel("整改措施").fill("在群内更正说明，今后转发前向物业核实");
    await shot(page, "rect-add-dialog");
    await form.getByRole("button", { name: /确\s*定|OK/ }).click();
    const confirm = page.getByRole("dialog").filter({ hasText: `确定将该事项交由${member}整改吗` });
    await press(confirm, /确\s*定|OK/);
    await page.getByText("已新增，已通知责任人").waitFor();
    await page
      .getByRole("row", { name: new RegExp(problem) })
      .getByText("上级反馈")
      .waitFor();
    await shot(page, "rect-added");
  });

  it("the member reports it done on a phone, with a note", async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await signIn(page, server, "demo.member", { fresh: true });
    await page.goto(`${server.url}/review/mine`);
    const card = page.locator(".ant-list-item").filter({ hasText: problem });
    await card.getByLabel("整改佐证").fill("已在群内更正，并向物业核实后重新发布");
    await card.getByRole("button", { name: "完成整改" }).click();
    await page.getByText("已报告完成，等待党组织销号").waitFor();
    await card.getByText("待销号").waitFor();
    await shot(page, "rect-member-done-phone");
  });

  it("the secretary 销号s it and the 整改台账 lists it as closed", async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, server, "demo.secretary", { fresh: true });
    await page.goto(`${server.url}/review/rectifications?status=done`);
    const row = page.getByRole("row", { name: new RegExp(problem) });
    await row.getByRole("button", { name: /^销\s?号$/ }).click();
    const dialog = page.getByRole("dialog").filter({ hasText: "确认已整改到位" });
    await dialog.getByText("已在群内更正，并向物业核实后重新发布").waitFor();
    await dialog.getByRole("button", { name: /^销\s?号$/ }).click();
    await page.getByText("已销号").first().waitFor();
    await page.goto(`${server.url}/review/rectifications?status=closed`);
    await page
      .getByRole("row", { name: new RegExp(problem) })
      .getByText("已销号")
      .waitFor();
    await shot(page, "rect-closed");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: /导出整改台账/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/整改台账\.xlsx$/);
    const strings = await xlsxStrings(await download.path());
    expect(strings).toContain("党支部整改台账");
    expect(strings).toContain(problem);
    expect(strings).toContain("已销号");
    expect(strings).toContain("上级反馈");
  });
});

/**
 * 民主评议 with encrypted ballots: the secretary opens a round (a dialog with its timetable)
 * and names himself and a member as 计票人; each makes a key in the browser (a key file
 * downloads). They vote on each other, and with a third member (account opened for the
 * purpose) on one more member, so that member's three ballots are counted while a single
 * ballot is withheld; each voter finds their tracking codes in the published list. The
 * secretary closes voting after reading the turnout; both decrypt (the member from the key
 * file, as on another computer); the secretary decides, 不合格 only with its reason, and the
 * rest 合格.
 */
describe.each([
  { name: "desktop", width: 1440, height: 900, year: 2026 },
  { name: "phone", width: 375, height: 812, year: 2027 },
])("encrypted evaluation at $name width", ({ name, width, height, year }) => {
  let roundUrl = "";
  let memberKeyFile = "";
  const people = { secretary: "", member: "" };
  // A third voter, and the member all three vote on: three ballots, so their counts show.
  const third = { username: "", password: "" };
  let subject = "";

  const openRound = async () => {
    await page.goto(roundUrl);
    await page.getByText("计票人", { exact: true }).first().waitFor();
  };
  const makeKey = async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "生成并下载密钥" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^计票密钥-.*\.json$/);
    return download.path();
  };

  /** A desk picks the grade from a drop-down; a phone taps one of four buttons on a card. */
  const castVote = async (person: string, grade: string) => {
    if (width < 768) {
      await page
        .getByRole("group", { name: `投票 ${person}` })
        .getByText(grade, { exact: true })
        .click();
    } else {
      // A vote is cast when the choice is made; a lost click casts nothing and leaves the
      // select enabled and the row without its 已投票 tag, so try again only then.
      const select = page.getByLabel(`投票 ${person}`);
      const before = await entry(person)
        .getByText(/^已投票 /)
        .count();
      await retryUntil(
        async () => {
          await select.click();
          await option(page, grade)
            .click({ timeout: 5_000 })
            .catch(() => undefined);
        },
        async () =>
          (await select.isDisabled()) ||
          (await entry(person)
            .getByText(/^已投票 /)
            .count()) > before,
        `vote ${grade} for ${person}`,
      );
    }
  };
  // Desk and phone rows of the members list, named by the person.
  const entry = (person: string) =>
    width < 768
      ? page.locator("[data-testid^=member-]").filter({ hasText: person })
      : page.getByRole("row", { name: new RegExp(person) });

  it("the secretary opens the round, names the trustees and makes his key", async () => {
    await page.setViewportSize({ width, height });
    await signIn(page, server, "demo.member", { fresh: true });
    people.member = await myName(page, server);
    await signIn(page, server, "demo.secretary", { fresh: true });
    people.secretary = await myName(page, server);
    await page.goto(`${server.url}/review/rounds`);
    await page.getByRole("button", { name: "开始民主评议" }).click();
    // The dialog is the confirmation: it names the branch and asks for the timetable.
    const dialog = page.getByRole("dialog").filter({ hasText: "并通知每名党员撰写个人总结" });
    await dialog.getByLabel("年度").fill(String(year));
    // Ballots are taken from the day after 个人总结 is due: it was due yesterday in Beijing.
    await pickDate(page, "个人总结截止", beijingDay(-1));
    await pickDate(page, "投票截止", beijingDay(7));
    await pickDate(page, "评定截止", beijingDay(14));
    await shot(page, `evaluation-${name}-open-dialog`);
    await dialog.getByRole("button", { name: "开始民主评议" }).click();
    await page.waitForURL(/\/review\/rounds\/\d+$/);
    await page.getByText("民主评议已开始，已通知全体党员").waitFor();
    roundUrl = page.url();
    const round = await callApi(page, server, "GET", `/review/rounds/${roundUrl.split("/").pop()}`);
    const others = (round.members as { memberId: number; name: string; mayVote: boolean }[])
      .filter((m) => m.mayVote && ![people.secretary, people.member].includes(m.name))
      .slice(year === 2026 ? 0 : 2);
    subject = others[1]?.name ?? "";
    const opened = await callApi(page, server, "POST", "/member-accounts", {
      memberIds: [others[0]?.memberId],
    });
    third.username = opened.opened[0].username;
    third.password = opened.opened[0].oneTimePassword;
    await page.getByTestId("turnout").getByText("已投票 0 /").waitFor();
    await page.getByText("等待计票人生成密钥").first().waitFor();
    const chooser = page.getByLabel("选择计票人（2至5名支委委员）");
    for (const person of [people.secretary, people.member]) {
      await chooser.click();
      await chooser.fill(person);
      await pick(page, chooser, person);
    }
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "确定计票人" }).click();
    await page.getByText("您是本轮计票人，请生成计票密钥").waitFor();
    await shot(page, `evaluation-${name}-trustee-key`);
    await makeKey();
    await page.getByText("已生成密钥").first().waitFor();
  });

  it("the member makes her key, votes, and finds her tracking code in the list", async () => {
    await signIn(page, server, "demo.member", { fresh: true });
    await openRound();
    memberKeyFile = await makeKey();
    await page.getByText("投票中").first().waitFor();
    await castVote(people.secretary, "优秀");
    await page.getByText(/已投票，追踪码/).waitFor();
    await castVote(subject, "合格");
    await expect
      .poll(() => page.getByText(/^已投票 [0-9a-f]{4}/).count(), { timeout: 15_000 })
      .toBe(2);
    await page.getByRole("button", { name: "核对我的选票" }).click();
    await page.getByText("您的 2 张选票都在公布的选票清单中").waitFor();
    await shot(page, `evaluation-${name}-voted`);
  });

  it("a third member, with an account opened for her, votes too", async () => {
    await signIn(page, server, third.username, { fresh: true, password: third.password });
    await openRound();
    await castVote(subject, "基本合格");
    await page.getByText(/已投票，追踪码/).waitFor();
  });

  it("the secretary votes, closes voting and decrypts his share", async () => {
    await signIn(page, server, "demo.secretary", { fresh: true });
    await openRound();
    await castVote(people.member, "合格");
    await page.getByText(/已投票，追踪码/).waitFor();
    await castVote(subject, "合格");
    await expect
      .poll(() => page.getByText(/^已投票 [0-9a-f]{4}/).count(), { timeout: 15_000 })
      .toBe(2);
    await shot(page, `evaluation-${name}-vote`);
    await page.getByRole("button", { name: "结束投票" }).click();
    // The close dialog says how many have voted before the secretary confirms.
    const confirm = page.getByRole("dialog").filter({ hasText: "确定结束吗" });
    await confirm.getByText(/已投票 3 人，共 \d+ 名有表决权的党员/).waitFor();
    await shot(page, `evaluation-${name}-close-dialog`);
    await press(confirm, /确\s*定|OK/);
    await page.getByText("投票已结束，请解密您的一份计票结果").waitFor();
    await page.getByRole("button", { name: "解密计票" }).click();
    await page.getByText("等待计票人解密").first().waitFor();
    await page.getByText("已解密").first().waitFor();
  });

  it("the member decrypts from her key file and the secretary sees the counts", async () => {
    await signIn(page, server, "demo.member", { fresh: true });
    // As on another computer: this browser no longer holds her key.
    await page.evaluate(() => {
      const store = (
        globalThis as unknown as {
          localStorage: { removeItem(k: string): void } & Record<string, unknown>;
        }
      ).localStorage;
      for (const k of Object.keys(store)) {
        if (k.startsWith("wanggui.trustee.")) store.removeItem(k);
      }
    });
    await openRound();
    await page.getByRole("button", { name: "解密计票" }).click();
    await page.getByText("本浏览器中没有您的密钥").waitFor();
    await shot(page, `evaluation-${name}-key-file`);
    await page.locator("input[type=file]").setInputFiles(memberKeyFile);
    await page.getByText("已计票").first().waitFor();
    await signIn(page, server, "demo.secretary", { fresh: true });
    await openRound();
    // One ballot each: its count would be the voter's grade, so only the number shows.
    await entry(people.secretary)
      .getByText(/共 1 票：少于 3 票不公布各等次票数/)
      .waitFor();
    await entry(subject).getByText("合格 2").waitFor();
    await entry(subject).getByText("基本合格 1").waitFor();
    await shot(page, `evaluation-${name}-counted`);
  });

  it("the secretary decides: 不合格 needs its reason at the field, then 其余评为合格", async () => {
    const pick = page.getByLabel(`评定等次 ${people.member}`);
    await pick.click();
    await option(page, "不合格").click();
    const decide = page.getByRole("dialog").filter({ hasText: "不合格理由" });
    await decide.getByRole("button", { name: "确认评定" }).click();
    await decide.getByText("评定为不合格须写明理由").waitFor();
    await shot(page, `evaluation-${name}-reason-error`);
    // The decision is kept in the dialog: writing the reason and confirming saves it.
    await decide.getByLabel("不合格理由（必填）").fill("长期不参加组织生活，经教育仍无改正");
    await decide.getByRole("button", { name: "确认评定" }).click();
    await page.getByText("已评定", { exact: true }).first().waitFor();
    await entry(people.member).getByText("长期不参加组织生活，经教育仍无改正").waitFor();
    await page.getByRole("button", { name: "其余评为合格" }).click();
    const rest = page
      .getByRole("dialog")
      .filter({ hasText: /将其余 \d+ 名未评定的党员评为「合格」/ });
    await press(rest, "确认评定");
    await page.getByRole("button", { name: "其余评为合格" }).waitFor({ state: "hidden" });
    await shot(page, `evaluation-${name}-decided`);
  });

  it("the secretary exports the results record, with 应到/实到 and the grades", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: /导出结果记录/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`${year}年度民主评议党员结果\\.docx$`));
    const text = await docxText(await download.path());
    expect(text).toContain(`${year}年度民主评议党员结果`);
    expect(text).toMatch(/应到（有表决权的正式党员）\d+名，实到（参加投票）3名/);
    expect(text).toContain("不公布");
    expect(text).toContain(`不合格1名（${people.member}）`);
    expect(text).toContain(
      `${people.member}评定为不合格，理由：长期不参加组织生活，经教育仍无改正。`,
    );
  });
});
