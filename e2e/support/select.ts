import type { Locator, Page } from "playwright-core";

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

/**
 * Opens the select whose input is `input`, clicks the option `text` and checks that the select
 * now shows it, trying again if not: on a loaded machine a click can land while the dropdown
 * is still being placed, and the dropdown then closes with nothing picked.
 */
export async function pick(page: Page, input: Locator, text: string | RegExp) {
  const select = input.locator(
    'xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
  );
  // antd 6 shows the chosen value, or a multiple select's tags, inside .ant-select-content.
  const shown = select.locator(".ant-select-content").filter({ hasText: text });
  for (let attempt = 1; ; attempt++) {
    if (!(await openOption(page, text).isVisible())) await input.click();
    await openOption(page, text).click();
    try {
      await shown.first().waitFor({ timeout: 3_000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}
