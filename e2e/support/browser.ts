import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { chromiumPath } from "./global-setup";

export const shots = path.resolve(import.meta.dirname, "../screenshots");

/** Debian's Chromium, headless, on a throwaway profile, with nothing phoning home. */
export async function openBrowser(): Promise<{
  context: BrowserContext;
  close: () => Promise<void>;
}> {
  mkdirSync(shots, { recursive: true });
  const profile = mkdtempSync(path.join(tmpdir(), "wanggui-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    acceptDownloads: true,
    locale: "zh-CN",
    // The app then turns antd's motion off (App.tsx): no click on a half-opened dialog.
    reducedMotion: "reduce",
    viewport: { width: 1440, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

let step = 0;

/**
 * One numbered screenshot per step, so a failed run shows how far the journey got. A
 * full-page capture once hung Chromium's renderer in a full CI run (2026-12-02, the
 * implementation map's charts) and failed the test at a step that only records a picture;
 * after 20 s the step falls back to the viewport, and only if that fails too does the test fail.
 */
export async function shot(page: Page, name: string) {
  step += 1;
  await page.waitForTimeout(300);
  const file = path.join(shots, `${String(step).padStart(2, "0")}-${name}.png`);
  try {
    await page.screenshot({ path: file, fullPage: true, timeout: 20_000 });
  } catch {
    await page.screenshot({ path: file, timeout: 20_000 });
  }
}
