import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "regulation",
          include: ["packages/regulation/**/*.test.ts"],
          environment: "node",
          // The fuzz properties run a thousand cases; a busy shared machine needs the headroom.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "ballot",
          include: ["packages/ballot/**/*.test.ts"],
          environment: "node",
          // Elliptic-curve arithmetic in JavaScript: a property run encrypts dozens of ballots.
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: "server",
          include: ["server/**/*.test.ts"],
          environment: "node",
          globalSetup: ["server/test/global-setup.ts"],
          // A server test file spends most of its time waiting on PostgreSQL, so two files at
          // once on two cores: the suite took 441 s against 639 s with vitest's default of one
          // worker there (cores less one), and three workers took no less (446 s).
          maxWorkers: Math.max(2, availableParallelism() - 1),
          // Vitest runs projects with their own worker count in a group of their own, after
          // the others.
          sequence: { groupOrder: 1 },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Kill -9 of a running server mid-write, then a restart (issue 17): minutes, not
        // seconds, so `npm run test:faults` runs them on their own, as .ci/run does.
        test: {
          name: "faults",
          include: ["server/**/*.fault.ts"],
          environment: "node",
          globalSetup: ["server/test/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: "web/vite.config.ts",
        test: {
          name: "web",
          root: ".",
          include: ["web/**/*.test.{ts,tsx}"],
          environment: "jsdom",
          // Rendering antd in jsdom takes seconds on a busy 2-core machine, not milliseconds.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["e2e/**/*.e2e.ts"],
          environment: "node",
          globalSetup: ["e2e/support/global-setup.ts"],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          // A page polled for its URL waits as long as a locator would: the 1 s default fails
          // whenever the machine is busy and the first render is late.
          expect: { poll: { timeout: 30_000 } },
          pool: "forks",
          maxWorkers: 1,
          fileParallelism: false,
        },
      },
    ],
  },
});
