import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { testContext } from "../../test/db.ts";
import { cliActor } from "../platform/audit/record.ts";
import type { AppContext } from "../platform/context.ts";
import { withTx } from "../platform/db/pool.ts";
import { seedDemo } from "./bootstrap.ts";
import { reserveSerials } from "./load.ts";
import { createRandom } from "./names.ts";
import { memberCounts, planTree, seedSynthetic } from "./synthetic.ts";

const ALLOWED_PARENT: Record<string, string[]> = {
  committee: ["committee"],
  general_branch: ["committee"],
  branch: ["committee", "general_branch"],
  group: ["branch"],
};

describe("planTree", () => {
  it("plans exactly the orgs asked for, at most 8 deep, with kinds that fit their parents", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        (orgs, seed) => {
          const plan = planTree(orgs, createRandom(seed));
          expect(plan).toHaveLength(orgs);
          const depth = (i: number): number =>
            plan[i]?.parent == null ? 1 : 1 + depth(plan[i]?.parent as number);
          plan.forEach((org, i) => {
            expect(depth(i)).toBeLessThanOrEqual(8);
            if (org.parent !== null)
              expect(ALLOWED_PARENT[org.kind]).toContain(plan[org.parent]?.kind);
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it("spreads exactly the members asked for over member-holding orgs only", () => {
    const random = createRandom(5);
    const plan = planTree(400, random);
    const counts = memberCounts(plan, 12_345, random);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(12_345);
    counts.forEach((n, i) => {
      if (n > 0) expect(["branch", "group"]).toContain(plan[i]?.kind);
    });
  });
});

describe("seeding twice and beside the demo", () => {
  let ctx: AppContext;
  beforeAll(async () => {
    ctx = await testContext();
  });

  it("never reuses an ID number, and every one carries a valid check digit", async () => {
    await withTx(ctx.db, (tx) =>
      seedSynthetic(tx, ctx.cipher, cliActor, { members: 1500, orgs: 120 }),
    );
    await withTx(ctx.db, (tx) => seedDemo(tx, ctx, cliActor));
    await withTx(ctx.db, (tx) =>
      seedSynthetic(tx, ctx.cipher, cliActor, { members: 1500, orgs: 120 }),
    );
    const rows = await ctx.db.query<{ id_number_enc: Buffer }>("SELECT id_number_enc FROM members");
    expect(rows.rowCount).toBeGreaterThan(3300);
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    for (const { id_number_enc } of rows.rows) {
      const id = ctx.cipher.decrypt(id_number_enc);
      const sum = weights.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
      expect(id[17]).toBe("10X98765432"[sum % 11]);
    }
  });

  it("hands each load its own range of identity serials", async () => {
    const first = await withTx(ctx.db, (tx) => reserveSerials(tx, 1_000_000));
    const second = await withTx(ctx.db, (tx) => reserveSerials(tx, 10));
    expect(second).toBe(first + 1_000_000);
  });
});
