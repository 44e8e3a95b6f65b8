import { beforeAll, describe, expect, it } from "vitest";
import { testContext } from "../../test/db.ts";
import { buildMember, type TestOrg } from "../../test/factories.ts";
import { foldRollups } from "../modules/rollups/fold-rollups.ts";
import { directTotals, foldedTotals } from "../modules/rollups/rollups.fixtures.ts";
import { cliActor } from "../platform/audit/record.ts";
import type { AppContext } from "../platform/context.ts";
import { withTx } from "../platform/db/pool.ts";
import { seedSynthetic } from "./synthetic.ts";

/**
 * A seed into an empty members table drops the secondary indexes and foreign keys of the
 * members and their history and switches the counter triggers off for the load (bulk-load.ts);
 * afterwards both tables must be exactly as the migrations left them, and a failed seed must
 * leave them so too.
 */
const TABLES = ["members", "member_org_history"];

async function shape(ctx: AppContext) {
  const indexes = await ctx.db.query<{ definition: string; valid: boolean }>(
    `SELECT pg_get_indexdef(indexrelid) AS definition, indisvalid AND indisready AS valid
       FROM pg_index WHERE indrelid = ANY($1::regclass[]) ORDER BY 1`,
    [TABLES],
  );
  const triggers = await ctx.db.query<{ tgname: string; tgenabled: string }>(
    `SELECT tgname, tgenabled FROM pg_trigger
      WHERE tgrelid = 'members'::regclass AND NOT tgisinternal ORDER BY tgname`,
  );
  const constraints = await ctx.db.query<{ definition: string; validated: boolean }>(
    `SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS definition,
            convalidated AS validated
       FROM pg_constraint WHERE conrelid = ANY($1::regclass[]) ORDER BY 1`,
    [TABLES],
  );
  return { indexes: indexes.rows, triggers: triggers.rows, constraints: constraints.rows };
}

/** Orgs whose kept counts differ from a direct count of their members. */
async function drift(ctx: AppContext) {
  const rows = await ctx.db.query(
    `SELECT o.id FROM orgs o
       LEFT JOIN (SELECT org_id, count(*)::int AS n,
                         count(*) FILTER (WHERE status = 'probationary')::int AS p,
                         count(*) FILTER (WHERE is_cadre)::int AS c,
                         count(*) FILTER (WHERE status = 'probationary' AND is_cadre)::int AS pc
                    FROM members WHERE archived_at IS NULL GROUP BY org_id) c ON c.org_id = o.id
      WHERE (o.member_count, o.probationary_count, o.cadre_count, o.probationary_cadre_count)
            <> (coalesce(c.n, 0), coalesce(c.p, 0), coalesce(c.c, 0), coalesce(c.pc, 0))`,
  );
  return rows.rows;
}

describe("seeding into an empty members table", () => {
  let ctx: AppContext;
  let migrated: Awaited<ReturnType<typeof shape>>;
  beforeAll(async () => {
    ctx = await testContext();
    migrated = await shape(ctx);
  });

  it("leaves nothing behind when the seed fails, indexes and triggers included", async () => {
    await expect(
      withTx(ctx.db, async (tx) => {
        await seedSynthetic(tx, ctx.cipher, cliActor, { members: 300, orgs: 30, seed: 9 });
        throw new Error("磁盘已满");
      }),
    ).rejects.toThrow("磁盘已满");
    const members = await ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM members");
    expect(members.rows[0]?.n).toBe(0);
    expect(await shape(ctx)).toEqual(migrated);
  });

  it("ends with every index, constraint and trigger in place, counts and rollups set, all working", async () => {
    await withTx(ctx.db, (tx) =>
      seedSynthetic(tx, ctx.cipher, cliActor, { members: 3_000, orgs: 150, seed: 31 }),
    );
    const after = await shape(ctx);
    expect(after).toEqual(migrated);
    expect(after.indexes.length).toBeGreaterThan(5);
    expect(after.indexes.every((i) => i.valid)).toBe(true);
    expect(after.constraints.filter((c) => c.definition.includes("FOREIGN KEY"))).toHaveLength(3);
    expect(after.constraints.filter((c) => c.definition.includes("UNIQUE"))).toHaveLength(1);
    expect(after.constraints.every((c) => c.validated)).toBe(true);
    // The keys are back in force: a history row for no member is refused.
    await expect(
      ctx.db.query(
        `INSERT INTO member_org_history (member_id, org_id, from_date, reason)
         SELECT 999999999, id, '2020-07-01', '入党' FROM orgs LIMIT 1`,
      ),
    ).rejects.toThrow(/foreign key/);
    expect(after.triggers.filter((t) => t.tgname.startsWith("members_count_"))).toHaveLength(3);
    expect(after.triggers.map((t) => t.tgname)).toContain("members_rollup_insert");
    expect(after.triggers.every((t) => t.tgenabled === "O")).toBe(true);
    expect(await drift(ctx)).toEqual([]);
    // The members' rollup trigger stayed on through the load: the folded totals are the direct counts.
    await foldRollups(ctx.db);
    const root = await ctx.db.query<{ path: string }>(
      "SELECT path::text AS path FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1",
    );
    const rootPath = root.rows[0]?.path ?? "";
    const totals = await foldedTotals(ctx.db, rootPath);
    expect(totals.length).toBeGreaterThan(0);
    expect(totals).toEqual(await directTotals(ctx.db, rootPath));

    // The counter triggers follow a new member, a probationary cadre, and an archival.
    const branch = await ctx.db.query<TestOrg>(
      `SELECT o.id, o.path::text AS path, o.code, o.name FROM orgs o
        WHERE o.member_count > 0 AND NOT EXISTS (SELECT 1 FROM orgs c WHERE c.parent_id = o.id)
        ORDER BY o.id LIMIT 1`,
    );
    const org = branch.rows[0] as TestOrg;
    const added = await buildMember(ctx.db, {
      org,
      name: "欧阳明远",
      isCadre: true,
      status: "probationary",
    });
    await ctx.db.query("UPDATE members SET archived_at = now() WHERE id = $1", [added.id]);
    await buildMember(ctx.db, { org, name: "司马晓燕" });
    expect(await drift(ctx)).toEqual([]);

    // The rebuilt indexes answer: the trigram index finds three characters inside a name, the GiST the subtree.
    await withTx(ctx.db, async (tx) => {
      await tx.query("SET LOCAL enable_seqscan = off");
      const plan = await tx.query<{ "QUERY PLAN": string }>(
        "EXPLAIN SELECT id FROM members WHERE name LIKE '%马晓燕%'",
      );
      expect(plan.rows.map((r) => r["QUERY PLAN"]).join("\n")).toContain("members_name_trgm");
      const found = await tx.query<{ name: string }>(
        "SELECT name FROM members WHERE name LIKE '%马晓燕%' AND org_id = $1",
        [org.id],
      );
      expect(found.rows.map((r) => r.name)).toContain("司马晓燕");
      const subtree = await tx.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM members WHERE org_path <@ $1::ltree AND archived_at IS NULL",
        [org.path],
      );
      const kept = await tx.query<{ n: number }>(
        "SELECT member_count AS n FROM orgs WHERE id = $1",
        [org.id],
      );
      expect(subtree.rows[0]?.n).toBe(kept.rows[0]?.n);
    });
  });
});
