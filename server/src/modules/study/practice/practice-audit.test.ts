import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { auditCount, call } from "../../orgs/orgs.fixtures.ts";
import { approvedBank, studyWorld, type World } from "../study.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let w: World;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  w = await studyWorld(ctx);
  await approvedBank(app, w);
});

describe("fixing the day's practice set", () => {
  it("is audited once, in the transaction that writes the set; reloads only read", async () => {
    const first = await call(app, w.member, "GET", "/api/study/practice/today");
    expect(first.statusCode, first.body).toBe(200);
    await Promise.all([1, 2, 3].map(() => call(app, w.member, "GET", "/api/study/practice/today")));
    expect(await auditCount(ctx, "study.practice.start")).toBe(1);
    const rows = await ctx.db.query<{ after: { questionIds: number[] }; entity_id: string }>(
      "SELECT after, entity_id FROM audit_events WHERE action = 'study.practice.start'",
    );
    expect(rows.rows[0]?.entity_id).toBe(String(w.self.id));
    expect(rows.rows[0]?.after.questionIds).toEqual(
      first.json().questions.map((q: { id: number }) => q.id),
    );
    const days = await ctx.db.query("SELECT 1 FROM study_practice_days WHERE member_id = $1", [
      w.self.id,
    ]);
    expect(days.rowCount).toBe(1);
  });
});
