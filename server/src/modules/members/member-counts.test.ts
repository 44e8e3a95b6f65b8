import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/db.ts";
import { buildMember, buildOrg, type TestOrg } from "../../../test/factories.ts";
import type { Db } from "../../platform/db/pool.ts";

let db: Db;
let orgs: TestOrg[];

beforeAll(async () => {
  ({ db } = await testDatabase());
  const town = await buildOrg(db, { kind: "committee", name: "城关镇党委" });
  orgs = [
    town,
    await buildOrg(db, { parent: town, kind: "branch", name: "城关镇第一党支部" }),
    await buildOrg(db, { parent: town, kind: "branch", name: "城关镇第二党支部" }),
  ];
});

/** The counters the triggers keep must equal a recount from the members table. */
async function drift() {
  const r = await db.query(
    `SELECT o.id, o.member_count, o.probationary_count, o.cadre_count, o.probationary_cadre_count,
            count(m.id)::int AS n,
            count(m.id) FILTER (WHERE m.status = 'probationary')::int AS p,
            count(m.id) FILTER (WHERE m.is_cadre)::int AS c,
            count(m.id) FILTER (WHERE m.status = 'probationary' AND m.is_cadre)::int AS pc
       FROM orgs o LEFT JOIN members m ON m.org_id = o.id AND m.archived_at IS NULL
      GROUP BY o.id
     HAVING o.member_count <> count(m.id)
         OR o.probationary_count <> count(m.id) FILTER (WHERE m.status = 'probationary')
         OR o.cadre_count <> count(m.id) FILTER (WHERE m.is_cadre)
         OR o.probationary_cadre_count <> count(m.id) FILTER (WHERE m.status = 'probationary' AND m.is_cadre)`,
  );
  return r.rows;
}

const op = fc.oneof(
  fc.record({
    kind: fc.constant("insert" as const),
    org: fc.nat(2),
    status: fc.constantFrom("full", "probationary"),
    cadre: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("update" as const),
    pick: fc.nat(),
    org: fc.nat(2),
    status: fc.constantFrom("full", "probationary"),
    cadre: fc.boolean(),
    archived: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("updateMany" as const),
    status: fc.constantFrom("full", "probationary"),
  }),
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
);

describe("per-org member counters", () => {
  it("match a recount after any sequence of inserts, updates, archives, moves and deletes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 12 }), async (ops) => {
        for (const o of ops) {
          const ids = (await db.query<{ id: number }>("SELECT id FROM members ORDER BY id")).rows;
          const target = "pick" in o ? ids[o.pick % Math.max(ids.length, 1)]?.id : undefined;
          if (o.kind === "insert") {
            const m = await buildMember(db, {
              org: orgs[o.org] as TestOrg,
              status: o.status as "full" | "probationary",
              isCadre: o.cadre,
            });
            expect(m.id).toBeGreaterThan(0);
          } else if (o.kind === "update" && target) {
            const org = orgs[o.org] as TestOrg;
            await db.query(
              `UPDATE members SET org_id = $2, org_path = $3::ltree, status = $4, is_cadre = $5,
                 position = CASE WHEN $5 THEN '支部书记' END, confirmed_on = NULL,
                 archived_at = CASE WHEN $6 THEN now() END WHERE id = $1`,
              [target, org.id, org.path, o.status, o.cadre, o.archived],
            );
          } else if (o.kind === "updateMany") {
            await db.query("UPDATE members SET status = $1, confirmed_on = NULL", [o.status]);
          } else if (o.kind === "delete" && target) {
            await db.query("DELETE FROM member_org_history WHERE member_id = $1", [target]);
            await db.query("DELETE FROM members WHERE id = $1", [target]);
          }
        }
        expect(await drift()).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
