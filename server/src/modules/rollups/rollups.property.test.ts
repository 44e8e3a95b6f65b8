/**
 * On random org trees, random source changes (members joining, leaving and transferring,
 * 组织生活会 held, rectifications opened and closed, 民主评议 rounds closed and reopened,
 * reports and discipline cases opened, closed and erased, campaigns published and withdrawn,
 * declarations, commendations approved or declined, exam attempts passed or failed and
 * retaken, 每日一练 days opened and completed, 民主评议 grades given and changed in rounds
 * closed, reopened and closed again),
 * random folds and random org moves, every
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
import { scenario } from "./rollups.ops.ts";
import { applyOp, newWorld, pathOf } from "./rollups.scenario.ts";

let app: FastifyInstance;
let ctx: AppContext;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
});

describe("rollups on random trees", () => {
  it("subtree totals equal direct counts after random changes and moves", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ parents, ops }) => {
        run += 1;
        const w = await newWorld(app, ctx, run, parents);
        for (const o of ops) await applyOp(w, o);
        await foldRollups(ctx.db);
        const rootPath = await pathOf(ctx.db, w.root.id);
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
          buildMember(ctx.db, { org: { ...village, path: await pathOf(ctx.db, village.id) } }),
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
    const rootPath = await pathOf(ctx.db, root.id);
    expect(await foldedTotals(ctx.db, rootPath)).toEqual(await directTotals(ctx.db, rootPath));
    const members = await ctx.db.query<{ subtree: number }>(
      "SELECT sum(subtree)::int AS subtree FROM org_rollups WHERE org_id = $1 AND metric = 'members'",
      [root.id],
    );
    expect(members.rows[0]?.subtree).toBeGreaterThan(0);
  }, 120_000);
});
