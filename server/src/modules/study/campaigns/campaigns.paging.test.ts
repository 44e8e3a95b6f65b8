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

describe("material list pages", () => {
  it("walks every material once, finds by title (a % is a plain character), fetches named ids, and a sibling sees none", async () => {
    const created: number[] = [];
    for (const title of [
      "网络行为规定解读（一）",
      "网络行为规定解读（二）",
      "100%正能量传播案例",
      "网络谣言辨析",
    ]) {
      const res = await call(app, w.secretary, "POST", "/api/study/materials", {
        orgId: w.town.id,
        kind: "link",
        title,
        url: "https://www.12371.cn/",
        articleIds: [],
      });
      expect(res.statusCode, res.body).toBe(201);
      created.push(res.json().id);
    }
    const walk = async (who: typeof w.secretary, extra = "") => {
      const seen: number[] = [];
      let after: string | null = null;
      do {
        const q: string = `limit=2${extra}${after ? `&after=${encodeURIComponent(after)}` : ""}`;
        const res = await call(app, who, "GET", `/api/study/materials?${q}`);
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json() as { items: { id: number }[]; nextCursor: string | null };
        expect(body.items.length).toBeLessThanOrEqual(2);
        seen.push(...body.items.map((m) => m.id));
        after = body.nextCursor;
      } while (after && seen.length < 100);
      return seen;
    };
    const expected = await ctx.db.query<{ id: number }>(
      "SELECT id FROM study_materials WHERE org_path <@ $1::ltree ORDER BY id DESC",
      [w.town.path],
    );
    expect(await walk(w.secretary)).toEqual(expected.rows.map((r) => Number(r.id)));
    expect(await walk(w.secretary, `&q=${encodeURIComponent("解读")}`)).toEqual([
      created[1],
      created[0],
    ]);
    expect(await walk(w.secretary, `&q=${encodeURIComponent("%")}`)).toEqual([created[2]]);
    expect(await walk(w.secretary, `&ids=${created[3]},${created[0]}`)).toEqual([
      created[3],
      created[0],
    ]);
    expect(await walk(w.siblingSecretary)).toEqual([]);
    expect(await walk(w.siblingSecretary, `&ids=${created.join(",")}`)).toEqual([]);
    const bad = await call(app, w.secretary, "GET", "/api/study/materials?ids=1,x");
    expect(bad.statusCode).toBe(400);
  });
});
