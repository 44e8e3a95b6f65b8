import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { shot } from "./support/browser";
import { docxText, pickDate, useJourney } from "./support/review-journey";
import type { RunningServer } from "./support/server";
import { signIn } from "./support/sign-in";

const journey = useJourney("review-meetings");
let page: Page;
let server: RunningServer;
beforeAll(() => {
  ({ page, server } = journey);
});

/**
 * From scheduling a 组织生活会 to exporting its record: the branch secretary schedules it, a
 * member fills in the self-review (one gap, the rest 符合) and submits it, the secretary
 * sees it submitted and downloads the meeting record, whose text is checked. Run at a
 * desktop width and at a 375 px phone.
 */
describe.each([
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 375, height: 812 },
])("review meeting at $name width", ({ name, width, height }) => {
  const topic = `${name === "desktop" ? "2024年度" : "2025年第一季度"}组织生活会`;

  it("the secretary schedules the meeting", async () => {
    await page.setViewportSize({ width, height });
    await signIn(page, server, "demo.secretary", { fresh: true });
    await page.goto(`${server.url}/review/meetings`);
    await page.getByRole("button", { name: "安排会议" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("会议主题").fill(topic);
    await pickDate(page, "会议日期", "2025-01-10");
    await dialog.getByLabel("会议地点").fill("党员活动室");
    await pickDate(page, "整改期限", "2025-03-31");
    await shot(page, `review-${name}-schedule`);
    await dialog.getByRole("button", { name: /确\s*定|OK/ }).click();
    await page.getByText("应到").first().waitFor();
    await expect.poll(() => page.url()).toMatch(/\/review\/meetings\/\d+$/);
    await page.getByText(topic).first().waitFor();
    await shot(page, `review-${name}-meeting`);
  });

  it("a member fills in and submits the self-review", async () => {
    await signIn(page, server, "demo.member", { fresh: true });
    await page.goto(`${server.url}/review/mine`);
    await page.getByText(topic).waitFor();
    await shot(page, `review-${name}-mine`);
    await page
      .locator(".ant-list-item")
      .filter({ hasText: topic })
      .getByRole("link", { name: "填写" })
      .click();
    await page.getByTestId("item-1").waitFor();
    await page.getByLabel("基本情况").fill("本人一年来认真学习《中国共产党党员网络行为规定》。");
    const items = page.locator("[data-testid^=item-]");
    const count = await items.count();
    expect(count).toBeGreaterThan(10);
    // The last line is left unanswered at first.
    for (let i = 0; i < count - 1; i++) {
      await items
        .nth(i)
        .getByText(i === 0 ? "存在差距" : "符合", { exact: true })
        .click();
    }
    const first = items.first();
    await first.getByLabel(/问题表现/).fill("在朋友圈转发过未经核实的消息");
    await first.getByLabel(/原因分析/).fill("政治敏锐性和鉴别力不强");
    await first.getByLabel(/整改措施/).fill("转发前核实信息来源，带头传播正能量");
    await page.getByText("已自动保存").waitFor();
    await shot(page, `review-${name}-self-review`);
    const submit = async () => {
      await page.getByRole("button", { name: "提交材料" }).click();
      await page
        .getByRole("dialog")
        .getByRole("button", { name: /确\s*定|OK/ })
        .click();
    };
    // The refusal shows under the unanswered line, which is scrolled into view (a phone's
    // screen would not show an alert at the top of the list).
    await submit();
    const last = items.last();
    const refusal = last.getByText(`第 ${count} 项未填写完整`, { exact: false });
    await refusal.waitFor();
    await expect.poll(() => refusal.isVisible()).toBe(true);
    await expect
      .poll(async () => {
        const box = await refusal.boundingBox();
        return box !== null && box.y >= 0 && box.y + box.height <= height;
      })
      .toBe(true);
    await shot(page, `review-${name}-submit-refused`);
    await last.getByText("符合", { exact: true }).click();
    await refusal.waitFor({ state: "hidden" });
    await submit();
    await page.getByText(/提交，材料已锁定/).waitFor();
    await shot(page, `review-${name}-submitted`);
  });

  it("the secretary sees it submitted and exports the meeting record", async () => {
    await signIn(page, server, "demo.secretary", { fresh: true });
    await page.goto(`${server.url}/review/meetings`);
    await page.getByRole("link", { name: topic }).click();
    await page.getByText("已提交", { exact: true }).first().waitFor();
    await shot(page, `review-${name}-record`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: /导出会议记录/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/组织生活会会议记录.*\.docx$/);
    const text = await docxText(await download.path());
    expect(text).toContain("城关街道幸福社区党支部组织生活会会议记录");
    expect(text).toContain(topic);
    expect(text).toContain("会议时间：2025年1月10日");
    expect(text).toContain("在朋友圈转发过未经核实的消息");
    expect(text).toContain("转发前核实信息来源，带头传播正能量");
    expect(text).toContain("主持人签名");
  });
});

/**
 * The 整改清单 after the meetings above: the secretary moves a deadline (a date before the
 * meeting is refused at the field, after a confirmation), and the member, on a phone,
 * uploads a PDF as evidence and sees it listed as a download.
 */
describe("rectification items", () => {
  it("the secretary moves a deadline, confirming it, with the error at the field", async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, server, "demo.secretary", { fresh: true });
    await page.goto(`${server.url}/review/rectifications?status=all`);
    // Items reported done come first, for 销号; the first open item is the one to move.
    const row = page
      .locator("[data-testid^=rect-]")
      .filter({ has: page.getByRole("button", { name: "调整期限" }) })
      .first();
    await row.getByRole("button", { name: "调整期限" }).click();
    const form = page.getByRole("dialog").filter({ hasText: "调整期限" });
    const confirmAndSave = async (date: string) => {
      const input = form.getByLabel("整改期限");
      await input.click();
      await input.fill(date);
      await input.press("Enter");
      await form.getByRole("button", { name: /确\s*定|OK/ }).click();
      const confirm = page.getByRole("dialog").filter({ hasText: `确定将整改期限调整为 ${date}` });
      await confirm.getByRole("button", { name: /确\s*定|OK/ }).click();
    };
    await confirmAndSave("2024-12-01");
    await form.getByText(/整改期限不能早于会议日期/).waitFor();
    await shot(page, "review-rect-due-error");
    await confirmAndSave("2025-06-30");
    await form.waitFor({ state: "hidden" });
    await page.getByText("2025-06-30").first().waitFor();
    await shot(page, "review-rect-due-moved");
  });

  it("the member uploads a PDF as evidence on a phone", async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await signIn(page, server, "demo.member", { fresh: true });
    await page.goto(`${server.url}/review/mine`);
    await page.getByRole("button", { name: "上传佐证文件" }).first().waitFor();
    await page
      .locator("input[type=file]")
      .first()
      .setInputFiles({
        name: "整改报告.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from("%PDF-1.4\n%%EOF\n"),
      });
    await page.getByRole("link", { name: /整改报告\.pdf/ }).waitFor();
    await shot(page, "review-evidence-phone");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: /整改报告\.pdf/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("整改报告.pdf");
    const refused = page.locator("input[type=file]").first();
    await refused.setInputFiles({
      name: "notes.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("not really a pdf"),
    });
    await page
      .getByRole("alert")
      .filter({ hasText: /只接受 PDF、DOCX 或图片/ })
      .waitFor();
  });
});
