import { readFileSync } from "node:fs";
import JSZip from "jszip";
import type { Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { openBrowser, shot } from "./browser";
import { openOptionTitled } from "./select";
import { type RunningServer, startServer } from "./server";

/** One server and one browser page, shared by the steps of a journey file. */
export interface Journey {
  server: RunningServer;
  page: Page;
}

/**
 * Starts the server and a page before the file's steps and stops them after; a failed step
 * leaves a screenshot named after it and prints the end of the server's log.
 */
export function useJourney(label: string): Journey {
  const journey = {} as Journey;
  let browser: Awaited<ReturnType<typeof openBrowser>> | undefined;
  beforeAll(async () => {
    journey.server = await startServer();
    browser = await openBrowser();
    journey.page = await browser.context.newPage();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === "fail") {
      const step = ctx.task.name.slice(0, 30).replace(/\W+/g, "-");
      await shot(journey.page, `FAILED-${label}-${step}`);
      console.error(journey.server.output().slice(-3000));
    }
  });
  afterAll(async () => {
    await browser?.close();
    await journey.server?.stop();
  });
  return journey;
}

/** Types a date into the antd date picker labelled `label` and takes it. */
export async function pickDate(page: Page, label: string, date: string) {
  const input = page.getByLabel(label);
  await input.click();
  await input.fill(date);
  await input.press("Enter");
}

/** A date `days` from today in Beijing, as the server counts 民主评议's phases. */
export function beijingDay(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** The text of a downloaded .docx, its runs joined. */
export async function docxText(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
  return [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
}

/** The shared strings of a downloaded .xlsx, where its cells' text is. */
export async function xlsxStrings(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  return (await zip.file("xl/sharedStrings.xml")?.async("string")) ?? "";
}

/**
 * Presses a dialog's button and waits for the dialog to go. Under load a click that lands
 * while the dialog still zooms in is sometimes lost; it is pressed once more then (a dialog
 * busy with its request shows a loading button, which ignores the second press).
 */
export async function press(dialog: Locator, name: string | RegExp) {
  const button = dialog.getByRole("button", { name });
  await button.click();
  try {
    await dialog.waitFor({ state: "hidden", timeout: 5_000 });
  } catch {
    if (await button.isVisible()) await button.click();
    await dialog.waitFor({ state: "hidden" });
  }
}

/** The person behind the signed-in demo account: the session names them 姓名（角色）. */
export async function myName(page: Page, server: RunningServer): Promise<string> {
  const session = await page.request.get(`${server.url}/api/auth/session`);
  return String((await session.json()).user.displayName).split("（")[0] ?? "";
}

/** Picks an option of the open antd drop-down by its whole text. */
export const option = (page: Page, text: string) => openOptionTitled(page, text);

/** The signed-in user's API, for what a journey sets up rather than tests by hand. */
export async function callApi(
  page: Page,
  server: RunningServer,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
) {
  const session = await page.request.get(`${server.url}/api/auth/session`);
  const csrf = (await session.json()).csrfToken as string;
  const res = await page.request.fetch(`${server.url}/api${path}`, {
    method,
    headers: { "x-csrf-token": csrf, "content-type": "application/json" },
    ...(body === undefined ? {} : { data: JSON.stringify(body) }),
  });
  expect(res.ok(), await res.text()).toBe(true);
  return res.json();
}
