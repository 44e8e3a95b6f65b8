import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import { buildUser } from "../../../../test/factories.ts";
import type { AppContext } from "../../../platform/context.ts";
import { call } from "../../orgs/orgs.fixtures.ts";
import { usersHoldingRoleOver } from "../../users/role-holders.ts";
import {
  fillAndSubmit,
  type ReviewTree,
  reviewTree,
  scheduleMeeting,
  selfReviewOf,
} from "../review.fixtures.ts";
import { remindOverdue } from "./remind-overdue.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: ReviewTree;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await reviewTree(ctx);
});

describe("overdue reminders", () => {
  it("reach the owner, the meeting's creator and every current secretary at or above the org", async () => {
    const meeting = await scheduleMeeting(app, t.branchSecretary, t.branch.id);
    await fillAndSubmit(app, t.liuCaller, selfReviewOf(meeting, t.liu.id));
    const item = (
      await call(app, t.liuCaller, "GET", "/api/review/rectifications?mine=true")
    ).json().items[0];
    // Past due: the meeting was held 2025-01-10, so a deadline a week later has long passed.
    await call(app, t.branchSecretary, "PATCH", `/api/review/rectifications/${item.id}`, {
      dueOn: "2025-01-17",
    });
    // A county secretary (ancestor), one whose term has ended, and a sibling town's secretary.
    const county = await buildUser(ctx.db, { role: "secretary", at: t.county });
    const former = await buildUser(ctx.db, { role: "secretary", at: t.town });
    await ctx.db.query(
      "UPDATE role_grants SET starts_on = '2020-01-01', ends_on = '2024-12-31' WHERE user_id = $1",
      [former.id],
    );
    const holders = await usersHoldingRoleOver(ctx.db, "secretary", t.branch.path);
    expect(holders).toContain(Number(county.id));
    expect(holders).not.toContain(Number(former.id));

    expect(await remindOverdue(ctx)).toBe(1);
    const recipients = await ctx.db.query<{ user_id: string }>(
      `SELECT user_id FROM notifications
        WHERE kind = 'review.rectification_overdue' AND source_id = $1`,
      [String(item.id)],
    );
    const got = recipients.rows.map((r) => Number(r.user_id));
    const sibling = await ctx.db.query<{ user_id: string }>(
      `SELECT g.user_id FROM role_grants g WHERE g.org_id = $1 AND g.role = 'secretary'`,
      [t.otherTown.id],
    );
    const liuUser = await ctx.db.query<{ id: string }>(
      "SELECT id FROM users WHERE member_id = $1",
      [t.liu.id],
    );
    const branchSecretary = await ctx.db.query<{ id: string }>(
      "SELECT id FROM users WHERE member_id = $1",
      [t.cadre.id],
    );
    const townSecretaries = await ctx.db.query<{ user_id: string }>(
      `SELECT g.user_id FROM role_grants g WHERE g.org_id = $1 AND g.role = 'secretary'
          AND g.user_id <> $2`,
      [t.town.id, former.id],
    );
    expect(got.sort()).toEqual(
      [
        Number(liuUser.rows[0]?.id),
        Number(branchSecretary.rows[0]?.id),
        ...townSecretaries.rows.map((r) => Number(r.user_id)),
        Number(county.id),
      ].sort(),
    );
    expect(got).not.toContain(Number(former.id));
    for (const s of sibling.rows) expect(got).not.toContain(Number(s.user_id));
    expect(await remindOverdue(ctx)).toBe(0);
  });
});
