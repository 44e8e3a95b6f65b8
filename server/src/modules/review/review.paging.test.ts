import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { buildMember, buildOrg, type TestOrg } from "../../../test/factories.ts";
import type { AppContext } from "../../platform/context.ts";
import { type Caller, call } from "../orgs/orgs.fixtures.ts";
import { type ReviewTree, reviewTree } from "./review.fixtures.ts";

/**
 * Every review list pages with a keyset cursor instead of stopping at a fixed count: more rows
 * than one page, walked page by page, come back whole, once each, in the list's order, and a
 * sibling subtree's secretary walks none of them.
 */
const { app, ctx } = await testApp();
let t: ReviewTree;
let branches: TestOrg[];
const ROWS = 7;
const PAGE = 3;

/** Follows nextCursor to the end; each page at most `limit` rows. */
async function walk(who: Caller, url: string, key = (r: { id: number }) => r.id) {
  const seen: number[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const sep = url.includes("?") ? "&" : "?";
    const res = await call(
      app,
      who,
      "GET",
      `${url}${sep}limit=${PAGE}${after ? `&after=${encodeURIComponent(after)}` : ""}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: { id: number }[]; nextCursor: string | null };
    expect(body.items.length).toBeLessThanOrEqual(PAGE);
    seen.push(...body.items.map(key));
    after = body.nextCursor;
    pages++;
    expect(pages).toBeLessThan(50);
  } while (after);
  return { seen, pages };
}

const ids = async (sql: string, params: unknown[]) =>
  (await ctx.db.query<{ id: number }>(sql, params)).rows.map((r) => r.id);

async function seed(c: AppContext) {
  t = await reviewTree(c);
  branches = [t.branch];
  for (let i = 2; i <= ROWS; i++) {
    branches.push(
      await buildOrg(c.db, { parent: t.town, kind: "branch", name: `城关镇第${i}党支部` }),
    );
  }
  // Meetings: two share each date, so the id decides between them.
  for (let i = 0; i < ROWS; i++) {
    const b = branches[i] as TestOrg;
    await c.db.query(
      `INSERT INTO review_meetings (kind, org_id, org_path, org_name, held_on, topic, rectify_by)
       VALUES ('branch_life', $1, $2::ltree, $3, $4, '2024年度组织生活会', '2025-06-30')`,
      [b.id, b.path, b.name, `2025-0${1 + Math.floor(i / 2)}-15`],
    );
  }
  await c.db.query(
    `INSERT INTO review_meetings (kind, org_id, org_path, org_name, held_on, topic, rectify_by)
     VALUES ('branch_life', $1, $2::ltree, '东街镇第一党支部', '2025-01-15', '2024年度组织生活会', '2025-06-30')`,
    [t.otherBranch.id, t.otherBranch.path],
  );
  // Rounds: two years, names that sort apart from ids.
  for (let i = 0; i < ROWS; i++) {
    const b = branches[ROWS - 1 - i] as TestOrg;
    await c.db.query(
      `INSERT INTO evaluation_rounds (org_id, org_path, org_name, year) VALUES ($1, $2::ltree, $3, $4)`,
      [b.id, b.path, b.name, 2023 + (i % 2)],
    );
  }
  // Rectification items of one member's self-review, open and done, due dates repeating.
  const meeting = (await ids("SELECT id FROM review_meetings WHERE org_id = $1", [t.branch.id]))[0];
  const review = await c.db.query<{ id: number }>(
    `INSERT INTO self_reviews (meeting_id, member_id, org_path) VALUES ($1, $2, $3::ltree) RETURNING id`,
    [meeting, t.liu.id, t.branch.path],
  );
  for (let i = 0; i < ROWS; i++) {
    const done = i % 3 === 0;
    await c.db.query(
      `INSERT INTO rectification_items (meeting_id, self_review_id, item_seq, org_path, owner_member_id,
         problem, measure, due_on, status, evidence, done_at, org_id, owner_name)
       VALUES ($1, $2, $3, $4::ltree, $5, '第七条：转发未经核实的信息', '加强学习，核实后再转发', $6, $7, $8, $9,
               $10, '刘红梅')`,
      [
        meeting,
        review.rows[0]?.id,
        i + 1,
        t.branch.path,
        t.liu.id,
        `2025-0${3 + (i % 2)}-31`.replace("04-31", "04-30"),
        done ? "done" : "open",
        done ? "已整改，附学习笔记" : null,
        done ? new Date() : null,
        t.branch.id,
      ],
    );
  }
  // Follow-ups: one round, a member each, open and closed.
  const round = (await ids("SELECT id FROM evaluation_rounds WHERE org_id = $1", [t.branch.id]))[0];
  for (let i = 0; i < ROWS; i++) {
    const m = await buildMember(c.db, { org: t.branch });
    await c.db.query(
      `INSERT INTO evaluation_followups (round_id, member_id, org_path, reason, status)
       VALUES ($1, $2, $3::ltree, '评为不合格，限期改正', $4)`,
      [round, m.id, t.branch.path, i % 2 ? "closed" : "open"],
    );
  }
}

beforeAll(async () => {
  await seed(ctx);
});

describe("keyset pages of the review lists", () => {
  it("meetings: newest first, every row once", async () => {
    const { seen, pages } = await walk(t.secretary, "/api/review/meetings");
    expect(pages).toBe(Math.ceil(ROWS / PAGE));
    expect(seen).toEqual(
      await ids(
        "SELECT id FROM review_meetings WHERE org_path <@ $1::ltree ORDER BY held_on DESC, id DESC",
        [t.town.path],
      ),
    );
    expect((await walk(t.siblingSecretary, "/api/review/meetings")).seen).not.toContain(seen[0]);
  });

  it("evaluation rounds: newest year, then org name", async () => {
    const { seen } = await walk(t.secretary, "/api/review/rounds");
    expect(seen).toHaveLength(ROWS);
    expect(seen).toEqual(
      await ids(
        "SELECT id FROM evaluation_rounds WHERE org_path <@ $1::ltree ORDER BY year DESC, org_name, id",
        [t.town.path],
      ),
    );
    expect((await walk(t.siblingSecretary, "/api/review/rounds")).seen).toEqual([]);
  });

  it("rectifications: open first, earliest due first", async () => {
    const { seen } = await walk(t.secretary, "/api/review/rectifications");
    expect(seen).toHaveLength(ROWS);
    expect(seen).toEqual(
      await ids(
        "SELECT id FROM rectification_items WHERE org_path <@ $1::ltree ORDER BY status DESC, due_on, id",
        [t.town.path],
      ),
    );
    expect((await walk(t.siblingSecretary, "/api/review/rectifications")).seen).toEqual([]);
  });

  it("follow-ups: open first, then closed", async () => {
    const { seen } = await walk(t.secretary, "/api/review/followups");
    expect(seen).toHaveLength(ROWS);
    expect(seen).toEqual(
      await ids(
        "SELECT id FROM evaluation_followups WHERE org_path <@ $1::ltree ORDER BY status = 'closed', id",
        [t.town.path],
      ),
    );
    expect((await walk(t.siblingSecretary, "/api/review/followups")).seen).toEqual([]);
  });

  it("oversight: every branch of the subtree in code order", async () => {
    const { seen } = await walk(
      t.secretary,
      "/api/review/oversight?year=2025",
      (r) => (r as unknown as { orgId: number }).orgId,
    );
    expect(seen).toEqual(
      await ids(
        "SELECT id FROM orgs WHERE path <@ $1::ltree AND kind = 'branch' ORDER BY code, id",
        [t.town.path],
      ),
    );
    expect(seen).toHaveLength(ROWS);
    const sibling = await walk(
      t.siblingSecretary,
      "/api/review/oversight?year=2025",
      (r) => (r as unknown as { orgId: number }).orgId,
    );
    expect(sibling.seen).toEqual([t.otherBranch.id]);
  });

  it("refuses a forged or garbled cursor with a 400 naming the field", async () => {
    for (const after of ["not-a-cursor", Buffer.from('["2025-02-30",1]').toString("base64url")]) {
      const res = await call(app, t.secretary, "GET", `/api/review/meetings?after=${after}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.field).toBe("after");
    }
  });
});
