import type { Page } from "playwright-core";

/**
 * An option of the select dropdown that is open now. antd keeps a closed dropdown in the page,
 * moved aside but still "visible" to Playwright, so a bare `.ant-select-item-option` can match
 * a stale option of an earlier select and the click lands on nothing.
 */
export function openOption(page: Page, text: string | RegExp) {
  return page.locator(openOptions).filter({ hasText: text }).first();
}

/** The option of the open dropdown whose whole label is `title`, not one that merely contains it. */
export function openOptionTitled(page: Page, title: string) {
  return page.locator(`${openOptions}[title="${title}"]`).first();
}

const openOptions =
  '.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-leave"]) .ant-select-item-option';
