/**
 * 下级对比 reads its columns from the rollups by key (migration 0041). On random trees of
 * committees and branches, with members joining, leaving and transferring, exams passed,
 * failed, retaken out of order, taken back (one or several in a statement) and deleted,
 * 组织生活会 and 民主生活会 held, moved to another date and deleted, branches archived and
 * restored, rectifications opened, done, sent back and closed, random folds and org moves
 * between them, every child of every org gets what a direct count of the source rows gives,
 * for both years the changes fall in.
 */
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { buildMember, buildOrg, type TestOrg } from "../../../test/factories.ts";
import type { AppContext } from "../../platform/context.ts";
import { subordinateFacts } from "../dashboards/subordinates.repo.ts";
import { call, callerWith } from "../orgs/orgs.fixtures.ts";
import { foldRollups } from "./fold-rollups.ts";
import { directTotals, foldedTotals, type TotalsRow } from "./rollups.fixtures.ts";

const NEW_METRICS = ["members_passed", "branches", "branches_met"];

let app: FastifyInstance;
let ctx: AppContext;

let campaignId = 0;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  // One campaign every attempt is sat in, retaken as often as a run needs.
  const org = await buildOrg(ctx.db, { kind: "committee", name: "对比测试市委" });
  const campaign = await ctx.db.query<{ id: number }>(
    `INSERT INTO study_campaigns (org_id, org_path, title, starts_at, ends_at, status, pass_mark,
       time_limit_minutes, max_attempts, rules, published_at)
     VALUES ($1, $2::ltree, '网络行为规范专题学习', '2025-01-01T00:00:00+08:00',
             '2026-12-31T00:00:00+08:00', 'published', 60, 30, 5, '[]', '2025-01-01T00:00:00+08:00')
     RETURNING id`,
    [org.id, org.path],
  );
  campaignId = Number(campaign.rows[0]?.id);
});

const YEARS = [2025, 2026];
const MONTHS = ["2025-06", "2025-12", "2026-01", "2026-02", "2026-07"];
const pick = fc.nat({ max: 1_000 });
const month = fc.constantFrom(...MONTHS);

const op = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("join" as const), org: pick }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant("leave" as const), member: pick }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant("transfer" as const), member: pick, org: pick }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("attempt" as const),
      member: pick,
      month,
      day: fc.integer({ min: 1, max: 28 }),
      pass: fc.boolean(),
    }),
    weight: 5,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("unpass" as const),
      item: pick,
      drop: fc.boolean(),
    }),
    weight: 1,
  },
  {
    // Several attempts passed or taken back in one statement: the pairs are recomputed together.
    arbitrary: fc.record({
      kind: fc.constant("flip" as const),
      items: fc.array(pick, { minLength: 2, maxLength: 5 }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("meeting" as const),
      org: pick,
      month,
      branchLife: fc.boolean(),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("redate" as const),
      item: pick,
      month: fc.option(month),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({ kind: fc.constant("archive" as const), org: pick }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("rect" as const),
      org: pick,
      dueInDays: fc.integer({ min: -30, max: 30 }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("rectState" as const),
      item: pick,
      to: fc.constantFrom("open", "done", "closed"),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({ kind: fc.constant("move" as const), org: pick, parent: pick }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("fold" as const),
      batch: fc.integer({ min: 1, max: 30 }),
    }),
    weight: 2,
  },
);

const scenario = fc.record({
  // Org i+1 hangs under one of the committees among orgs 0..i; true makes it a branch.
  tree: fc.array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 2, maxLength: 8 }),
  ops: fc.array(op, { minLength: 1, maxLength: 40 }),
});

async function pathOf(id: number): Promise<string> {
  const result = await ctx.db.query<{ path: string }>(
    "SELECT path::text AS path FROM orgs WHERE id = $1",
    [id],
  );
  return result.rows[0]?.path ?? "";
}

/** The page's columns for one child org's subtree and year, counted from the source rows. */
async function direct(path: string, year: number) {
  const result = await ctx.db.query(
    `SELECT
       (SELECT count(*)::int FROM members WHERE org_path <@ $1::ltree AND archived_at IS NULL)
         AS members,
       -- Each member once, under the org of their first passed attempt of the year.
       (SELECT count(*)::int FROM (
          SELECT DISTINCT ON (member_id) org_path FROM study_attempts
           WHERE passed
             AND extract(year FROM submitted_at AT TIME ZONE 'Asia/Shanghai') = $2
           ORDER BY member_id, submitted_at, id) f
         WHERE f.org_path <@ $1::ltree) AS passed,
       (SELECT count(*)::int FROM orgs
         WHERE path <@ $1::ltree AND kind = 'branch' AND archived_at IS NULL) AS branches,
       (SELECT count(*)::int FROM orgs o
         WHERE o.path <@ $1::ltree AND o.kind = 'branch' AND o.archived_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM review_meetings r
                            WHERE r.org_id = o.id AND r.kind = 'branch_life'
                              AND extract(year FROM r.held_on) = $2)) AS branches_without_meeting,
       (SELECT count(*)::int FROM rectification_items
         WHERE org_path <@ $1::ltree AND status = 'open') AS rect_open,
       (SELECT count(*)::int FROM rectification_items
         WHERE org_path <@ $1::ltree AND status = 'open' AND due_on < cn_today()) AS rect_overdue`,
    [path, year],
  );
  return result.rows[0];
}

describe("下级对比 from the rollups on random trees", () => {
  it("gives every child of every org the direct counts after random changes, folds and moves", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ tree, ops }) => {
        run += 1;
        const root = await buildOrg(ctx.db, { kind: "committee", name: `对比${run}县委` });
        const orgs: { org: TestOrg; branch: boolean }[] = [{ org: root, branch: false }];
        for (const [p, branch] of tree) {
          const committees = orgs.filter((o) => !o.branch);
          const parent = (committees[p % committees.length] as { org: TestOrg }).org;
          orgs.push({
            org: await buildOrg(ctx.db, { parent, kind: branch ? "branch" : "committee" }),
            branch,
          });
        }
        const secretary = await callerWith(ctx, "secretary", root);
        const members: number[] = [(await buildMember(ctx.db, { org: root, name: "王建国" })).id];
        const attempts: number[] = [];
        const meetings: number[] = [];
        const items: number[] = [];
        const at = (i: number) => (orgs[i % orgs.length] as { org: TestOrg }).org;
        const member = (i: number) => members[i % members.length] as number;
        for (const o of ops) {
          if (o.kind === "join") {
            const org = at(o.org);
            const m = await buildMember(ctx.db, { org: { ...org, path: await pathOf(org.id) } });
            members.push(m.id);
          } else if (o.kind === "leave") {
            await ctx.db.query(
              `UPDATE members SET archived_at = now(), archive_reason = '组织关系转出'
                WHERE id = $1 AND archived_at IS NULL`,
              [member(o.member)],
            );
          } else if (o.kind === "transfer") {
            await ctx.db.query(
              "UPDATE members SET org_id = $2, org_path = (SELECT path FROM orgs WHERE id = $2) WHERE id = $1",
              [member(o.member), at(o.org).id],
            );
          } else if (o.kind === "attempt") {
            // Sat where the member is now, on any day: a pass may come before an earlier one.
            const row = await ctx.db.query<{ id: number }>(
              `INSERT INTO study_attempts (campaign_id, member_id, org_path, attempt_no,
                 started_at, deadline_at, paper, submitted_at, submitted_by, correct, total,
                 score, passed)
               SELECT c.id, m.id, m.org_path,
                      (SELECT coalesce(max(attempt_no), 0) + 1 FROM study_attempts
                        WHERE campaign_id = c.id AND member_id = m.id),
                      $3::timestamptz - interval '20 minutes', $3::timestamptz + interval '10 minutes',
                      '[]', $3::timestamptz, 'member', 9, 10, CASE WHEN $4 THEN 90 ELSE 40 END, $4
                 FROM members m, study_campaigns c WHERE m.id = $1 AND c.id = $2
               RETURNING id`,
              [
                member(o.member),
                campaignId,
                `${o.month}-${String(o.day).padStart(2, "0")}T23:30:00+08:00`,
                o.pass,
              ],
            );
            attempts.push(Number(row.rows[0]?.id));
          } else if (o.kind === "unpass" && attempts.length > 0) {
            const id = attempts[o.item % attempts.length];
            if (o.drop) await ctx.db.query("DELETE FROM study_attempts WHERE id = $1", [id]);
            else await ctx.db.query("UPDATE study_attempts SET passed = false WHERE id = $1", [id]);
          } else if (o.kind === "flip" && attempts.length > 0) {
            await ctx.db.query(
              "UPDATE study_attempts SET passed = NOT passed WHERE id = ANY($1::bigint[])",
              [o.items.map((i) => attempts[i % attempts.length])],
            );
          } else if (o.kind === "meeting") {
            const row = await ctx.db.query<{ id: number }>(
              `INSERT INTO review_meetings (kind, org_id, org_path, org_name, held_on, topic, rectify_by)
               SELECT $3, id, path, name, $2::date, '年度组织生活会', $2::date + 90
                 FROM orgs WHERE id = $1 RETURNING id`,
              [at(o.org).id, `${o.month}-20`, o.branchLife ? "branch_life" : "leadership_life"],
            );
            meetings.push(Number(row.rows[0]?.id));
          } else if (o.kind === "redate" && meetings.length > 0) {
            const id = meetings[o.item % meetings.length];
            if (o.month === null) {
              await ctx.db.query("DELETE FROM review_meetings WHERE id = $1", [id]);
            } else {
              await ctx.db.query(
                "UPDATE review_meetings SET held_on = $2::date, rectify_by = $2::date + 90 WHERE id = $1",
                [id, `${o.month}-05`],
              );
            }
          } else if (o.kind === "archive") {
            // Archived, or restored if it already was.
            await ctx.db.query(
              `UPDATE orgs SET archived_at = CASE WHEN archived_at IS NULL THEN now() END,
                      archive_reason = CASE WHEN archived_at IS NULL THEN '支部撤销合并' END
                WHERE id = $1 AND parent_id IS NOT NULL`,
              [at(o.org).id],
            );
          } else if (o.kind === "rect") {
            const row = await ctx.db.query<{ id: number }>(
              `INSERT INTO rectification_items (source, org_id, org_path, owner_member_id, owner_name,
                 problem, measure, due_on)
               SELECT 'other', id, path, $2, '王建国', '转发未经核实的信息', '加强学习，核实后再转发',
                      cn_today() + $3::int
                 FROM orgs WHERE id = $1 RETURNING id`,
              [at(o.org).id, members[0], o.dueInDays],
            );
            items.push(Number(row.rows[0]?.id));
          } else if (o.kind === "rectState" && items.length > 0) {
            // Done (waiting for review), closed, or sent back to open.
            await ctx.db.query(
              `UPDATE rectification_items
                  SET status = $2,
                      evidence = CASE WHEN $2 = 'open' THEN evidence ELSE '已在支部大会上作说明' END,
                      done_at = CASE WHEN $2 = 'open' THEN NULL ELSE now() END,
                      closed_at = CASE WHEN $2 = 'closed' THEN now() END
                WHERE id = $1`,
              [items[o.item % items.length], o.to],
            );
          } else if (o.kind === "move") {
            const org = at(o.org);
            const committees = orgs.filter((x) => !x.branch);
            const parent = (committees[o.parent % committees.length] as { org: TestOrg }).org;
            const [from, to] = [await pathOf(org.id), await pathOf(parent.id)];
            if (org.id !== root.id && !(to === from || to.startsWith(`${from}.`))) {
              const res = await call(app, secretary, "POST", `/api/orgs/${org.id}/move`, {
                newParentId: parent.id,
              });
              expect([200, 409], res.body).toContain(res.statusCode);
            }
          } else if (o.kind === "fold") {
            await foldRollups(ctx.db, o.batch);
          }
        }
        await foldRollups(ctx.db);
        for (const { org } of orgs) {
          for (const year of YEARS) {
            const rows = await subordinateFacts(ctx.db, {
              parentId: org.id,
              yearStart: `${year}-01-01`,
              yearEnd: `${year + 1}-01-01`,
            });
            const kids = await ctx.db.query<{ id: number; path: string }>(
              "SELECT id::int, path::text FROM orgs WHERE parent_id = $1 AND archived_at IS NULL",
              [org.id],
            );
            expect(rows.map((r) => r.id).sort()).toEqual(kids.rows.map((k) => k.id).sort());
            for (const kid of kids.rows) {
              const {
                id: _,
                name: __,
                kind: ___,
                ...got
              } = rows.find((r) => r.id === kid.id) as (typeof rows)[number];
              expect({ org: kid.id, year, ...got }).toEqual({
                org: kid.id,
                year,
                ...(await direct(kid.path, year)),
              });
            }
          }
        }
        // The new metrics keep every org's own and subtree totals, month by month, too. Only
        // these: attempts here come out of order, which campaigns_completed does not allow.
        const rootPath = await pathOf(root.id);
        const ours = (rows: TotalsRow[]) => rows.filter((r) => NEW_METRICS.includes(r.metric));
        expect(ours(await foldedTotals(ctx.db, rootPath))).toEqual(
          ours(await directTotals(ctx.db, rootPath)),
        );
      }),
      { numRuns: 30 },
    );
  }, 300_000);
});
