import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import { buildMember, buildUser, signIn } from "../../../../test/factories.ts";
import type { AppContext } from "../../../platform/context.ts";
import { call } from "../../orgs/orgs.fixtures.ts";
import { approvedBank, publishedCampaign, studyWorld, type World } from "../study.fixtures.ts";
import { DEADLINE_NEAR_JOB, remindBeforeDeadline } from "./campaign-notices.ts";

let app: FastifyInstance;
let ctx: AppContext;
let w: World;
let campaignId: number;
let other: { headers: Record<string, string> };

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  w = await studyWorld(ctx);
  await approvedBank(app, w);
  const lu = await buildMember(ctx.db, { org: w.branch, name: "卢秀珍" });
  other = await signIn(
    ctx.db,
    await buildUser(ctx.db, { role: "member", at: w.branch, member: lu }),
  );
  campaignId = await publishedCampaign(app, w, { title: "学习贯彻网络行为规定" });
});

const inbox = async (who: { headers: Record<string, string> }) =>
  (await call(app, who, "GET", "/api/notifications")).json().items as {
    kind: string;
    title: string;
    link: string;
  }[];

describe("campaign notices", () => {
  it("tell every member the campaign reaches when it is published, in the same transaction", async () => {
    for (const who of [w.member, other]) {
      expect(await inbox(who)).toContainEqual(
        expect.objectContaining({
          kind: "study.published",
          title: "新的专题学习：学习贯彻网络行为规定",
          link: `/study/tasks/${campaignId}`,
        }),
      );
    }
    const audit = await ctx.db.query(
      `SELECT after FROM audit_events WHERE action = 'notification.send' AND entity_id = $1`,
      [String(campaignId)],
    );
    expect(audit.rows[0]?.after).toMatchObject({ kind: "study.published", recipients: 2 });
  });

  it("queue one reminder for a day before the deadline", async () => {
    const jobs = await ctx.db.query<{ run_at: Date }>(
      "SELECT run_at FROM graphile_worker.jobs WHERE task_identifier = $1 AND key = $2",
      [DEADLINE_NEAR_JOB, `${DEADLINE_NEAR_JOB}:${campaignId}`],
    );
    expect(jobs.rows).toHaveLength(1);
    const ends = Date.now() + 7 * 86_400_000;
    const runAt = jobs.rows[0]?.run_at.getTime() ?? 0;
    expect(Math.abs(runAt - (ends - 86_400_000))).toBeLessThan(60_000);
  });

  it("remind, the day before, only those who have not passed", async () => {
    await ctx.db.query(
      `INSERT INTO study_attempts (campaign_id, member_id, org_path, attempt_no, paper, answers,
                                   deadline_at, submitted_at, submitted_by, correct, total, score, passed)
       SELECT $1, $2, org_path, 1, '[]'::jsonb, '{}'::jsonb, now(), now(), 'member', 5, 5, 100, true
         FROM members WHERE id = $2`,
      [campaignId, w.self.id],
    );
    expect(await remindBeforeDeadline(ctx.db, campaignId)).toBe(1);
    expect((await inbox(other)).map((n) => n.kind)).toContain("study.deadline");
    expect((await inbox(w.member)).map((n) => n.kind)).not.toContain("study.deadline");
  });
});
