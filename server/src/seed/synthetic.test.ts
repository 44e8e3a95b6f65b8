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

  it("loads members made on worker threads that decrypt, with valid IDs, real names and org counts", async () => {
    const before = await ctx.db.query<{ id: number }>(
      "SELECT coalesce(max(id), 0) AS id FROM members",
    );
    // Small blocks, so several blocks go through two workers in whatever order they finish.
    const seeded = await withTx(ctx.db, (tx) =>
      seedSynthetic(tx, ctx.cipher, cliActor, {
        members: 2_345,
        orgs: 90,
        seed: 77,
        threads: 2,
        blockSize: 400,
      }),
    );
    expect(seeded.members).toBe(2_345);
    const rows = await ctx.db.query<{
      name: string;
      gender: string;
      birth_date: string;
      id_number_enc: Buffer;
      id_number_masked: string;
      id_number_digest: string;
      phone_enc: Buffer;
      phone_masked: string;
    }>(
      `SELECT name, gender, birth_date, id_number_enc, id_number_masked, id_number_digest,
              phone_enc, phone_masked FROM members WHERE id > $1`,
      [before.rows[0]?.id],
    );
    expect(rows.rowCount).toBe(2_345);
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    for (const m of rows.rows) {
      const id = ctx.cipher.decrypt(m.id_number_enc);
      const sum = weights.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
      expect(id[17]).toBe("10X98765432"[sum % 11]);
      expect(id.slice(6, 14)).toBe(m.birth_date.replaceAll("-", ""));
      expect(Number(id[16]) % 2).toBe(m.gender === "male" ? 1 : 0);
      expect(m.id_number_masked).toBe(`${id.slice(0, 6)}************`);
      expect(m.id_number_digest).toBe(ctx.cipher.digest(id));
      const phone = ctx.cipher.decrypt(m.phone_enc);
      expect(phone).toMatch(/^1[3-9][0-9]{9}$/);
      expect(m.phone_masked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
      // A Chinese name of two to four characters.
      expect(m.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
    }
    expect(new Set(rows.rows.map((m) => m.name)).size).toBeGreaterThan(500);
    // The counters the triggers keep agree with the rows, org by org.
    const drift = await ctx.db.query(
      `SELECT o.id FROM orgs o
         LEFT JOIN (SELECT org_id, count(*)::int AS n FROM members
                     WHERE archived_at IS NULL GROUP BY org_id) c ON c.org_id = o.id
        WHERE o.member_count <> coalesce(c.n, 0)`,
    );
    expect(drift.rows).toEqual([]);
    const history = await ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM member_org_history WHERE member_id > $1 AND to_date IS NULL",
      [before.rows[0]?.id],
    );
    expect(history.rows[0]?.n).toBe(2_345);
  });

  it("makes the same members from the same seed, whatever the number of threads", async () => {
    const names = async (threads: number) => {
      const before = await ctx.db.query<{ id: number }>(
        "SELECT coalesce(max(id), 0) AS id FROM members",
      );
      await withTx(ctx.db, (tx) =>
        seedSynthetic(tx, ctx.cipher, cliActor, {
          members: 900,
          orgs: 40,
          seed: 4242,
          threads,
          blockSize: 250,
        }),
      );
      // Names, genders and cadre flags; birth dates follow the identity serial, which each
      // load reserves afresh.
      const rows = await ctx.db.query<{ name: string; gender: string; is_cadre: boolean }>(
        `SELECT name, gender, is_cadre FROM members WHERE id > $1
          ORDER BY name, gender, is_cadre`,
        [before.rows[0]?.id],
      );
      return rows.rows;
    };
    expect(await names(1)).toEqual(await names(3));
  });

  it("hands each load its own range of identity serials", async () => {
    const first = await withTx(ctx.db, (tx) => reserveSerials(tx, 1_000_000));
    const second = await withTx(ctx.db, (tx) => reserveSerials(tx, 10));
    expect(second).toBe(first + 1_000_000);
  });
});
