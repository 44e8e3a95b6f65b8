import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { call } from "../../orgs/orgs.fixtures.ts";
import { type ReviewTree, reviewTree, scheduleMeeting } from "../review.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: ReviewTree;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await reviewTree(ctx);
});

const create = (extra: Record<string, unknown>) =>
  call(app, t.branchSecretary, "POST", "/api/review/meetings", {
    kind: "branch_life",
    orgId: t.branch.id,
    heldOn: "2031-06-20",
    topic: "2031年度组织生活会",
    rectifyBy: "2031-09-30",
    ...extra,
  });

describe("a meeting's record fields and attendance", () => {
  it("starts with nobody marked present: attendance is 未登记 until recorded", async () => {
    const m = await scheduleMeeting(app, t.branchSecretary, t.branch.id, {
      heldOn: "2031-06-20",
      rectifyBy: "2031-09-30",
    });
    const detail = (
      await call(app, t.branchSecretary, "GET", `/api/review/meetings/${m.id}`)
    ).json();
    expect(detail.expected).toBe(5);
    expect(detail.present).toBe(0);
    expect(detail.attendees.every((a: { present: boolean | null }) => a.present === null)).toBe(
      true,
    );
  });

  it("keeps host, recorder, 列席 and hours, and changes them", async () => {
    const res = await create({
      host: "赵德胜",
      recorder: "陈晓明",
      observers: "镇党委委员王建华",
      startsAt: "09:00",
      endsAt: "11:30",
    });
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json();
    expect([m.host, m.recorder, m.observers, m.startsAt, m.endsAt]).toEqual([
      "赵德胜",
      "陈晓明",
      "镇党委委员王建华",
      "09:00",
      "11:30",
    ]);
    const changed = await call(app, t.branchSecretary, "PATCH", `/api/review/meetings/${m.id}`, {
      endsAt: "12:00",
      recorder: "刘红梅",
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect([changed.json().recorder, changed.json().endsAt]).toEqual(["刘红梅", "12:00"]);
    const audit = await ctx.db.query(
      "SELECT after FROM audit_events WHERE action = 'review.meeting.update' AND entity_id = $1",
      [String(m.id)],
    );
    expect(audit.rows[0]?.after).toMatchObject({ endsAt: "12:00", recorder: "刘红梅" });
  });

  it("refuses an end before the start, or a time that is not HH:MM, naming the field", async () => {
    const early = await create({ startsAt: "16:00", endsAt: "15:00" });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain("endsAt");
    expect(early.body).toContain("结束时间须晚于开始时间");
    const bad = await create({ startsAt: "25:00" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("startsAt");
    const m = (await create({ startsAt: "09:00" })).json();
    const late = await call(app, t.branchSecretary, "PATCH", `/api/review/meetings/${m.id}`, {
      endsAt: "08:00",
    });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain("endsAt");
  });
});
