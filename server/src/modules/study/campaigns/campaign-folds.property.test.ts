/**
 * On random histories of a campaign (sittings begun, handed in, or written in whole; members
 * transferred between branches and out of the subtree, archived and restored, joining) with
 * folds at random points, the folded per-branch counts equal the live GROUP BY once folded.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import { buildMember, buildOrg, type TestOrg } from "../../../../test/factories.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { studyWorld } from "../study.fixtures.ts";
import { branchCounts, foldedBranchCounts } from "./campaign-results.repo.ts";
import { foldCampaignResults } from "./fold-campaign-results.ts";

const { ctx } = await testApp();
let town: TestOrg;
let orgs: TestOrg[];
let actor: Actor;
/** Every campaign the runs opened: a later run's transfers must leave earlier results right. */
const campaigns: number[] = [];

beforeAll(async () => {
  const w = await studyWorld(ctx);
  town = w.town;
  const second = await buildOrg(ctx.db, {
    parent: w.town,
    kind: "branch",
    name: "城关镇第二党支部",
  });
  const third = await buildOrg(ctx.db, {
    parent: w.town,
    kind: "branch",
    name: "城关镇第三党支部",
  });
  // The sibling town's branch lies outside the campaign: a transfer there leaves it.
  orgs = [w.branch, second, third, w.otherBranch];
  const names = ["李春华", "王秀英", "张建军", "刘志强", "陈丽娟", "杨国庆", "赵淑芬", "黄海涛"];
  for (const [i, name] of names.entries()) {
    await buildMember(ctx.db, { org: orgs[i % 3] as TestOrg, name });
  }
  actor = {
    userId: 0,
    username: "chengguan.secretary",
    displayName: "城关镇党委书记",
    memberId: null,
    grants: [{ id: 0, role: "secretary", orgId: town.id, orgPath: town.path, orgName: town.name }],
  };
});

// Few members, so that one member's sittings, transfers and folds meet in one history.
const pick = fc.nat({ max: 1_000 });
const who = fc.nat({ max: 5 });
const score = fc.integer({ min: 0, max: 100 });
const op = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("start" as const), member: who }), weight: 4 },
  {
    arbitrary: fc.record({ kind: fc.constant("hand_in" as const), member: who, score }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant("sat" as const), member: who, score }), weight: 2 },
  {
    arbitrary: fc.record({ kind: fc.constant("transfer" as const), member: who, org: pick }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant("archive" as const), member: who }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("join" as const), org: pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("fold" as const) }), weight: 3 },
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

async function openCampaign(): Promise<number> {
  const c = await ctx.db.query<{ id: number }>(
    `INSERT INTO study_campaigns (org_id, org_path, title, starts_at, ends_at, status, pass_mark,
       time_limit_minutes, max_attempts, rules, published_at)
     VALUES ($1, $2::ltree, '学习《党员网络行为规定》专题测试', now() - interval '1 day',
             now() + interval '6 days', 'published', 60, 30, 5,
             '[{"chapter": null, "type": null, "count": 5}]', now()) RETURNING id`,
    [town.id, town.path],
  );
  return Number(c.rows[0]?.id);
}

async function memberAt(index: number) {
  const all = await ctx.db.query<{ id: number; org_path: string; archived: boolean }>(
    "SELECT id, org_path::text, archived_at IS NOT NULL AS archived FROM members ORDER BY id",
  );
  return all.rows[index % all.rows.length];
}

/** Attempt columns for a sitting handed in with `score`, as the exam writes them. */
const HANDED_IN = `submitted_at = now(), submitted_by = 'member', correct = $2::int / 10,
                   total = 10, score = $2::int, passed = $2::int >= 60`;

async function apply(campaignId: number, o: Op) {
  // Two folds: the second settles the watermark past everything before them, so what follows
  // must be found by the fold's own signals, not by a recount of the recent attempts.
  if (o.kind === "fold") {
    await foldCampaignResults(ctx.db, 1);
    return foldCampaignResults(ctx.db, 1);
  }
  if (o.kind === "join") return buildMember(ctx.db, { org: orgs[o.org % orgs.length] as TestOrg });
  const m = await memberAt(o.member);
  if (!m) return;
  if (o.kind === "transfer") {
    const to = orgs[o.org % orgs.length] as TestOrg;
    await ctx.db.query("UPDATE members SET org_id = $2, org_path = $3::ltree WHERE id = $1", [
      m.id,
      to.id,
      to.path,
    ]);
  } else if (o.kind === "archive") {
    await ctx.db.query(
      `UPDATE members SET archived_at = CASE WHEN archived_at IS NULL THEN now() END
        WHERE id = $1`,
      [m.id],
    );
  } else if (o.kind === "hand_in") {
    await ctx.db.query(
      `UPDATE study_attempts SET ${HANDED_IN}
        WHERE campaign_id = $3 AND member_id = $1 AND submitted_at IS NULL`,
      [m.id, o.score, campaignId],
    );
  } else {
    // A new sitting, open ("start") or already handed in ("sat", as an import would write it);
    // none while one is open, as the exam allows.
    await ctx.db.query(
      `INSERT INTO study_attempts (campaign_id, member_id, org_path, attempt_no, deadline_at, paper)
       SELECT $2, $1, $3::ltree, count(*) + 1, now() + interval '30 minutes', '[]'
         FROM study_attempts WHERE campaign_id = $2 AND member_id = $1
       HAVING bool_and(submitted_at IS NOT NULL) IS NOT FALSE`,
      [m.id, campaignId, m.org_path],
    );
    if (o.kind === "sat") {
      await ctx.db.query(
        `UPDATE study_attempts SET ${HANDED_IN}
          WHERE campaign_id = $3 AND member_id = $1 AND submitted_at IS NULL`,
        [m.id, o.score, campaignId],
      );
    }
  }
}

describe("folded campaign results", () => {
  it("equal the live per-branch counts after a fold, whatever happened before it", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 30 }), async (ops) => {
        const campaignId = await openCampaign();
        campaigns.push(campaignId);
        for (const o of ops) await apply(campaignId, o);
        await foldCampaignResults(ctx.db, 1);
        for (const id of campaigns) {
          const campaign = { id, orgPath: town.path };
          const live = await branchCounts(ctx.db, actor, campaign);
          expect(await foldedBranchCounts(ctx.db, actor, campaign)).toEqual(live);
        }
      }),
      { numRuns: 40 },
    );
  });
});
