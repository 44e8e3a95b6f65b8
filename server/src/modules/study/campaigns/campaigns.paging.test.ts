import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import { call } from "../../orgs/orgs.fixtures.ts";
import { studyWorld, type World } from "../study.fixtures.ts";

/** The campaign list pages with a keyset cursor; nothing is cut at a fixed count. */
const { app, ctx } = await testApp();
let w: World;
const ROWS = 7;

beforeAll(async () => {
  w = await studyWorld(ctx);
  // Two campaigns start at each moment, so the id decides between them.
  for (let i = 0; i < ROWS; i++) {
    await ctx.db.query(
      `INSERT INTO study_campaigns (org_id, org_path, title, starts_at, ends_at, pass_mark,
         time_limit_minutes, max_attempts, rules)
       VALUES ($1, $2::ltree, $3, $4::timestamptz, $4::timestamptz + interval '30 days', 60, 60, 2,
               '[{"chapter": null, "type": null, "count": 5}]')`,
      [
        w.town.id,
        w.town.path,
        `网络行为规定专题学习第${i + 1}期`,
        `2025-0${1 + Math.floor(i / 2)}-01T08:00:00.123456+08:00`,
      ],
    );
  }
  await ctx.db.query(
    `INSERT INTO study_campaigns (org_id, org_path, title, starts_at, ends_at, pass_mark,
       time_limit_minutes, max_attempts, rules)
     VALUES ($1, $2::ltree, '东街镇专题学习', '2025-01-01', '2025-02-01', 60, 60, 2, '[]')`,
    [w.otherTown.id, w.otherTown.path],
  );
});

describe("campaign list pages", () => {
  it("walks every campaign once, latest start first, and a sibling sees none", async () => {
    const walk = async (who: typeof w.secretary) => {
      const seen: number[] = [];
      let after: string | null = null;
      do {
        const q: string = `limit=3${after ? `&after=${encodeURIComponent(after)}` : ""}`;
        const res = await call(app, who, "GET", `/api/study/campaigns?${q}`);
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json() as { items: { id: number }[]; nextCursor: string | null };
        expect(body.items.length).toBeLessThanOrEqual(3);
        seen.push(...body.items.map((c) => c.id));
        after = body.nextCursor;
      } while (after && seen.length < 100);
      return seen;
    };
    const seen = await walk(w.secretary);
    const expected = await ctx.db.query<{ id: number }>(
      "SELECT id FROM study_campaigns WHERE org_path <@ $1::ltree ORDER BY starts_at DESC, id DESC",
      [w.town.path],
    );
    expect(seen).toHaveLength(ROWS);
    expect(seen).toEqual(expected.rows.map((r) => r.id));
    const sibling = await walk(w.siblingSecretary);
    expect(sibling).toHaveLength(1);
    expect(seen).not.toContain(sibling[0]);
  });
});
