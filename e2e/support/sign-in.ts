import type { Page } from "playwright-core";
import type { RunningServer } from "./server";

/**
 * The password each account holds after its forced change, per server: a journey that signs
 * the same account in again (several roles sharing one page) must use the new one.
 */
const changed = new WeakMap<RunningServer, Map<string, string>>();

export interface SignInOptions {
  /** Where the browser starts; the app sends it to sign-in and back. Default `/sign-in`. */
  landing?: string;
  /** A password other than the one printed at first start, such as one from a slip. */
  password?: string;
  /** The new password when the server forces a change; by default one made from the name. */
  newPassword?: string;
  /** Drops the cookies of whoever was signed in on this page before. */
  fresh?: boolean;
}

/**
 * Signs an account in as its person would: the password, a new one where the server forces
 * a change, the personal-information consent where it is asked, until the user menu shows.
 */
export async function signIn(
  page: Page,
  server: RunningServer,
  username: string,
  options: SignInOptions = {},
): Promise<void> {
  let known = changed.get(server);
  if (!known) {
    known = new Map();
    changed.set(server, known);
  }
  if (options.fresh) await page.context().clearCookies();
  await page.goto(`${server.url}${options.landing ?? "/sign-in"}`);
  await page.getByLabel("用户名").fill(username);
  await page
    .getByLabel("密码")
    .fill(options.password ?? known.get(username) ?? server.passwords.get(username) ?? "");
  await page.locator("form button[type=submit]").click();
  const mustChange = page.getByText("首次登录须修改初始密码");
  const consent = page.getByRole("button", { name: "同意并继续" });
  const menu = page.getByTestId("user-menu");
  await mustChange.or(consent).or(menu).first().waitFor();
  if (await mustChange.isVisible()) {
    const next = options.newPassword ?? `Qiushui#${username.length}Huangting2026`;
    await page.getByLabel("新密码", { exact: true }).fill(next);
    await page.getByLabel("再次输入新密码").fill(next);
    await page.getByRole("button", { name: "保存新密码" }).click();
    known.set(username, next);
    await consent.or(menu).first().waitFor();
  }
  if (await consent.isVisible()) {
    await page.getByRole("checkbox").check();
    await consent.click();
    await menu.waitFor();
  }
}

/** The password an account signs in with now: its changed one, or the one printed at start. */
export function currentPassword(server: RunningServer, username: string): string {
  return changed.get(server)?.get(username) ?? server.passwords.get(username) ?? "";
}
