/**
 * The exam submission pays for no rollup work in its own transaction (migration 0042): it
 * queues its change, an autosave queues nothing, and the fold turns the queue into the counts
 * the submission stands for.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { buildMember, buildOrg } from "../../../test/factories.ts";
import type { AppContext } from "../../platform/context.ts";
import { foldRollups } from "./fold-rollups.ts";
import { publishCampaign } from "./rollups.scenario.ts";

let ctx: AppContext;

beforeAll(async () => {
  ({ ctx } = await testApp());
});

async function queued(orgId: number) {
  const r = await ctx.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM rollup_attempt_changes WHERE new_org = $1",
    [orgId],
  );
  return r.rows[0]?.n;
}

async function facts(orgId: number) {
  const r = await ctx.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM rollup_facts WHERE org_id = $1",
    [orgId],
  );
  return r.rows[0]?.n;
}

async function folded(orgId: number) {
  const r = await ctx.db.query<{ metric: string; own: string }>(
    `SELECT metric, own FROM org_rollups
      WHERE org_id = $1 AND metric IN ('exam_passed', 'campaigns_completed', 'members_passed')
      ORDER BY metric`,
    [orgId],
  );
  return Object.fromEntries(r.rows.map((x) => [x.metric, Number(x.own)]));
}

describe("the exam submission's rollup queue", () => {
  it("queues a hand-in, not an autosave, and the fold counts it once", async () => {
    const committee = await buildOrg(ctx.db);
    const branch = await buildOrg(ctx.db, { parent: committee });
    const member = await buildMember(ctx.db, { org: branch, name: "欧阳晓红" });
    const campaign = await publishCampaign(ctx.db, committee.id, "2026-11", false);
    const started = await ctx.db.query<{ id: string }>(
      `INSERT INTO study_attempts (campaign_id, member_id, org_path, attempt_no, deadline_at, paper)
       VALUES ($1, $2, $3, 1, now() + interval '30 minutes', '[]') RETURNING id`,
      [campaign, member.id, branch.path],
    );
    const id = started.rows[0]?.id;
    await foldRollups(ctx.db);
    const factsBefore = await facts(branch.id);

    await ctx.db.query(
      `UPDATE study_attempts SET answers = '{"1": ["0"]}', saved_at = now() WHERE id = $1`,
      [id],
    );
    expect(await queued(branch.id)).toBe(0);

    await ctx.db.query(
      `UPDATE study_attempts SET submitted_at = now(), submitted_by = 'member', correct = 9,
              total = 10, score = 90, passed = true
        WHERE id = $1`,
      [id],
    );
    expect(await queued(branch.id)).toBe(1);
    expect(await facts(branch.id)).toBe(factsBefore);

    await foldRollups(ctx.db);
    expect(await queued(branch.id)).toBe(0);
    expect(await folded(branch.id)).toEqual({
      campaigns_completed: 1,
      exam_passed: 1,
      members_passed: 1,
    });
  });
});
