import { beforeAll, expect, it } from "vitest";
import { buildMember } from "../../../../test/factories.ts";
import { batchQueries, type Db } from "../../../platform/db/pool.ts";
import { call, callerWith } from "../../orgs/orgs.fixtures.ts";
import { type ExamWorld, examWorld } from "../study.fixtures.ts";

let exam: ExamWorld;

beforeAll(async () => {
  exam = await examWorld();
});

/** The statements prepared on every idle connection of a pool, read on each connection. */
async function prepared(pool: Db) {
  const clients = await Promise.all(Array.from({ length: pool.idleCount }, () => pool.connect()));
  try {
    const read = await Promise.all(
      clients.map((c) =>
        c.query<{ name: string; generic: number; custom: number }>(
          "SELECT name, generic_plans AS generic, custom_plans AS custom FROM pg_prepared_statements",
        ),
      ),
    );
    return read.flatMap((r) => r.rows);
  } finally {
    for (const c of clients) c.release();
  }
}

it("plans the statements batched across requests once per connection, generically, on the batch connections alone", async () => {
  // One member at a time, so each statement runs with a batch of one: left to choose,
  // PostgreSQL plans such a statement afresh on every run (ADR 0036).
  for (let i = 0; i < 7; i++) {
    const m = await buildMember(exam.ctx.db, { org: exam.w.branch });
    const who = await callerWith(exam.ctx, "member", exam.w.branch, m);
    const path = `/api/study/tasks/${exam.campaignId}/attempts`;
    const started = await call(exam.app, who, "POST", path, {});
    expect(started.statusCode, started.body).toBe(200);
    const submitted = await call(
      exam.app,
      who,
      "POST",
      `/api/study/attempts/${started.json().id}/submit`,
      { answers: {} },
    );
    expect(submitted.statusCode, submitted.body).toBe(200);
  }
  const batched = ["wg_attempt_keys", "wg_attempts_submit", "wg_read_sessions"];
  const onBatches = await prepared(batchQueries(exam.ctx.db) as Db);
  for (const name of batched) {
    const rows = onBatches.filter((r) => r.name === name);
    expect(
      rows.reduce((n, r) => n + r.generic, 0),
      name,
    ).toBeGreaterThanOrEqual(7);
    expect(
      rows.every((r) => r.custom === 0),
      name,
    ).toBe(true);
  }
  const onPool = await prepared(exam.ctx.db);
  expect(onPool.filter((r) => batched.includes(r.name))).toEqual([]);
});
