import { accessSync, constants } from "node:fs";
import { buildWeb } from "./server";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * The browser journeys drive Debian's Chromium. Without it every journey would fail deep
 * inside playwright; one line up front says what is missing and how to install it. Then the
 * web app is built once for every journey's server.
 */
export default function setup() {
  requireChromium();
  buildWeb();
}

function requireChromium() {
  try {
    accessSync(chromiumPath, constants.X_OK);
  } catch {
    throw new Error(
      `浏览器测试需要 Chromium，未找到 ${chromiumPath}：请运行 apt-get install chromium fonts-noto-cjk（或设置 CHROMIUM_PATH）/ the browser journeys need Chromium at ${chromiumPath}: apt-get install chromium fonts-noto-cjk (or set CHROMIUM_PATH)`,
    );
  }
}
