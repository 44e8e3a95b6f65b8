/**
 * Runs `action` until `done` holds, three times at most. On a loaded machine a click can land
 * on an antd element still animating in and be lost, with nothing on the page to say so. Only
 * for actions that cannot take effect twice: a confirm's button (loading once pressed, gone
 * once done) or a choice whose effect `done` observes.
 */
export async function retryUntil(
  action: (attempt: number) => Promise<void>,
  done: () => Promise<boolean>,
  what: string,
  wait = 8_000,
) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    await action(attempt);
    const deadline = Date.now() + wait;
    while (Date.now() < deadline) {
      if (await done()) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`${what}: no effect after three tries`);
}
