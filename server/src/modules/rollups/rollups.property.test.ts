/**
 * On random org trees, random source changes (members joining, leaving and transferring,
 * 组织生活会 held, rectifications opened and closed), random folds and random org moves, every
 * org's own and subtree totals equal a direct count of the source rows once the facts are folded.
 */
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { buildMember, buildOrg, type TestOrg } from "../../../test/factories.ts";
import type { AppContext } from "../../platform/context.ts";
import { call, callerWith } from "../orgs/orgs.fixtures.ts";
import { foldRollups } from "./fold-rollups.ts";
import { directTotals, foldedTotals } from "./rollups.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
});

const MONTHS = ["2025-11", "2025-12", "2026-01", "2026-02", "2026-03"];
const pick = fc.nat({ max: 1_000 });
const month = fc.constantFrom(...MONTHS);

// Moves and folds are weighted up so that most moves carry totals already folded.
const op = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("join" as const), org: pick, month }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant("leave" as const), member: pick, month }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant("transfer" as const), member: pick, org: pick }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant("meeting" as const), org: pick, month }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("open" as const), org: pick, month }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("close" as const), item: pick, month }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant("move" as const), org: pick, parent: pick }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("fold" as const),
      batch: fc.integer({ min: 1, max: 40 }),
    }),
    weight: 3,
  },
);

const scenario = fc.record({
  // Parent of org i+1 is one of orgs 0..i: any shape from a chain to a star.
  parents: fc.array(fc.nat(), { minLength: 1, maxLength: 9 }),
  ops: fc.array(op, { minLength: 1, maxLength: 40 }),
});

async function pathOf(id: number): Promise<string> {
  const result = await ctx.db.query<{ path: string }>(
    "SELECT path::text AS path FROM orgs WHERE id = $1",
    [id],
  );
  return result.rows[0]?.path ?? "";
}

describe("rollups on random trees", () => {
  it("subtree totals equal direct counts after random changes and moves", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ parents, ops }) => {
        run += 1;
        const root = await buildOrg(ctx.db, { kind: "committee", name: `汇总${run}区委` });
        const orgs: TestOrg[] = [root];
        for (const p of parents) {
          const parent = orgs[p % orgs.length] as TestOrg;
          orgs.push(await buildOrg(ctx.db, { parent, kind: "committee" }));
        }
        const secretary = await callerWith(ctx, "secretary", root);
        const owner = await buildMember(ctx.db, { org: root, name: "王建国" });
        const members: number[] = [owner.id];
        const items: number[] = [];
        const at = (i: number) => orgs[i % orgs.length] as TestOrg;
        for (const o of ops) {
          if (o.kind === "join") {
            const org = at(o.org);
            const m = await buildMember(ctx.db, { org: { ...org, path: await pathOf(org.id) } });
            await ctx.db.query("UPDATE members SET joined_on = $2::date WHERE id = $1", [
              m.id,
              `${o.month}-12`,
            ]);
            members.push(m.id);
          } else if (o.kind === "leave") {
            await ctx.db.query(
              `UPDATE members SET archived_at = $2::timestamptz, archive_reason = '组织关系转出'
                WHERE id = $1 AND archived_at IS NULL`,
              [members[o.member % members.length], `${o.month}-01T07:30:00+08:00`],
            );
          } else if (o.kind === "transfer") {
            const org = at(o.org);
            await ctx.db.query(
              "UPDATE members SET org_id = $2, org_path = (SELECT path FROM orgs WHERE id = $2) WHERE id = $1",
              [members[o.member % members.length], org.id],
            );
          } else if (o.kind === "meeting") {
            const org = at(o.org);
            await ctx.db.query(
              `INSERT INTO review_meetings (kind, org_id, org_path, org_name, held_on, topic, rectify_by)
               SELECT 'branch_life', id, path, name, $2::date, '年度组织生活会', $2::date + 90
                 FROM orgs WHERE id = $1`,
              [org.id, `${o.month}-20`],
            );
          } else if (o.kind === "open") {
            const org = at(o.org);
            const item = await ctx.db.query<{ id: number }>(
              `INSERT INTO rectification_items (source, org_id, org_path, owner_member_id, owner_name,
                 problem, measure, due_on, created_at)
               SELECT 'other', id, path, $2, '王建国', '转发未经核实的信息', '加强学习，核实后再转发',
                      $3::date + 60, $3::timestamptz
                 FROM orgs WHERE id = $1 RETURNING id`,
              [org.id, owner.id, `${o.month}-28`],
            );
            items.push(Number(item.rows[0]?.id));
          } else if (o.kind === "close" && items.length > 0) {
            await ctx.db.query(
              `UPDATE rectification_items
                  SET status = 'closed', evidence = '已在支部大会上作说明',
                      done_at = $2::timestamptz, closed_at = $2::timestamptz
                WHERE id = $1 AND status = 'open'`,
              [items[o.item % items.length], `${o.month}-03T09:00:00+08:00`],
            );
          } else if (o.kind === "move") {
            const org = at(o.org);
            const parent = at(o.parent);
            const [from, to] = [await pathOf(org.id), await pathOf(parent.id)];
            // Refused moves (a root, under itself or a descendant, where it already is) count
            // nothing; only moves the service accepts are made.
            if (org.id !== root.id && !(to === from || to.startsWith(`${from}.`))) {
              const res = await call(app, secretary, "POST", `/api/orgs/${org.id}/move`, {
                newParentId: parent.id,
              });
              expect([200, 409]).toContain(res.statusCode);
            }
          } else if (o.kind === "fold") {
            await foldRollups(ctx.db, o.batch);
          }
        }
        await foldRollups(ctx.db);
        const rootPath = await pathOf(root.id);
        expect(await foldedTotals(ctx.db, rootPath)).toEqual(await directTotals(ctx.db, rootPath));
      }),
      { numRuns: 30 },
    );
  }, 240_000);

  // Interleavings only as the scheduler gives them: it would not reliably catch a missing lock
  // (the race lies between the move carrying totals and its commit), only wrong sums.
  it("keeps totals equal to direct counts when joins, folds and a move run at once", async () => {
    const root = await buildOrg(ctx.db, { kind: "committee", name: "并发测试区委" });
    const towns = [
      await buildOrg(ctx.db, { parent: root, kind: "committee", name: "并发测试东街镇党委" }),
      await buildOrg(ctx.db, { parent: root, kind: "committee", name: "并发测试西湖镇党委" }),
    ];
    const village = await buildOrg(ctx.db, {
      parent: towns[0] as TestOrg,
      kind: "committee",
      name: "并发测试柳树村党委",
    });
    const secretary = await callerWith(ctx, "secretary", root);
    for (let round = 0; round < 6; round++) {
      const to = towns[(round + 1) % 2] as TestOrg;
      const results = await Promise.allSettled([
        call(app, secretary, "POST", `/api/orgs/${village.id}/move`, { newParentId: to.id }),
        foldRollups(ctx.db, 2),
        ...Array.from({ length: 4 }, async () =>
          buildMember(ctx.db, { org: { ...village, path: await pathOf(village.id) } }),
        ),
        foldRollups(ctx.db, 3),
      ]);
      // A member written with a path a move has just replaced is refused (40001) by the
      // stale-path guard and not counted anywhere; everything else must succeed.
      for (const r of results) {
        if (r.status === "rejected") expect(String(r.reason)).toMatch(/moved meanwhile/);
      }
    }
    await foldRollups(ctx.db);
    const rootPath = await pathOf(root.id);
    expect(await foldedTotals(ctx.db, rootPath)).toEqual(await directTotals(ctx.db, rootPath));
    const members = await ctx.db.query<{ subtree: number }>(
      "SELECT sum(subtree)::int AS subtree FROM org_rollups WHERE org_id = $1 AND metric = 'members'",
      [root.id],
    );
    expect(members.rows[0]?.subtree).toBeGreaterThan(0);
  }, 120_000);
});
