/**
 * 划转: a branch with a meeting, self-reviews, a 民主评议 round, a question draft and members
 * moves from 城关镇党委 to 东街镇党委. From the commit on, the new parent manages all of it and
 * the old parent none of it, in every module; and no row anywhere keeps the old path.
 */
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { buildMember } from "../../../test/factories.ts";
import type { AppContext } from "../../platform/context.ts";
import { PATHS_AS_RECORDED, scopedTables } from "../../platform/org-paths.ts";
import { currentArticles } from "../regulations/study-sources.ts";
import { reviewTree, scheduleMeeting, selfReviewOf } from "../review/review.fixtures.ts";
import { type Caller, call } from "./orgs.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: Awaited<ReturnType<typeof reviewTree>>;
let oldPath: string;
/** Each module's read of the branch's record: true when the caller sees it. */
const reads: { module: string; sees: (who: Caller) => Promise<boolean> }[] = [];
const detail = (url: () => string) => async (who: Caller) =>
  (await call(app, who, "GET", url())).statusCode === 200;
const listed = (url: string, id: () => number) => async (who: Caller) =>
  ((await call(app, who, "GET", url)).json().items ?? []).some(
    (i: { id: number }) => i.id === id(),
  );
let meetingId: number;
let selfReviewId: number;
let roundId: number;
let questionId: number;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await reviewTree(ctx, "划转");
  oldPath = t.branch.path;
  const meeting = await scheduleMeeting(app, t.secretary, t.branch.id);
  meetingId = meeting.id;
  selfReviewId = selfReviewOf(meeting, t.liu.id);
  const round = await call(app, t.branchSecretary, "POST", "/api/review/rounds", {
    orgId: t.branch.id,
    year: 2024,
  });
  expect(round.statusCode, round.body).toBe(201);
  roundId = round.json().id;
  const question = await call(app, t.secretary, "POST", "/api/study/questions", {
    orgId: t.branch.id,
    type: "true_false",
    stem: "党员可以在网上转发未经核实的涉党信息。",
    answer: ["false"],
    explanation: "依据第十七条",
    articleIds: [(await currentArticles(ctx.db)).find((a) => a.number === 17)?.id],
  });
  expect(question.statusCode, question.body).toBe(201);
  questionId = question.json().id;
  reads.push(
    { module: "members", sees: detail(() => `/api/members/${t.liu.id}`) },
    { module: "orgs", sees: detail(() => `/api/orgs/${t.branch.id}`) },
    { module: "review meetings", sees: detail(() => `/api/review/meetings/${meetingId}`) },
    { module: "meeting list", sees: listed("/api/review/meetings", () => meetingId) },
    { module: "self-reviews", sees: detail(() => `/api/review/self-reviews/${selfReviewId}`) },
    { module: "review rounds", sees: detail(() => `/api/review/rounds/${roundId}`) },
    { module: "round list", sees: listed("/api/review/rounds", () => roundId) },
    {
      module: "study questions",
      sees: listed("/api/study/questions?pageSize=100", () => questionId),
    },
  );
});

async function sees(who: Caller): Promise<Record<string, boolean>> {
  const out: Record<string, boolean> = {};
  for (const r of reads) out[r.module] = await r.sees(who);
  return out;
}

const all = (visible: boolean) => Object.fromEntries(reads.map((r) => [r.module, visible]));

describe("moving a branch to another town", () => {
  it("before the move, the old town manages everything of the branch and the other town nothing", async () => {
    expect(await sees(t.secretary)).toEqual(all(true));
    expect(await sees(t.siblingSecretary)).toEqual(all(false));
  });

  it("after the move, the new town manages everything and the old town nothing", async () => {
    const moved = await call(app, t.admin, "POST", `/api/orgs/${t.branch.id}/move`, {
      newParentId: t.otherTown.id,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await sees(t.siblingSecretary)).toEqual(all(true));
    expect(await sees(t.secretary)).toEqual(all(false));
  });

  it("leaves no row of any scoped table under the old path", async () => {
    const tables = await scopedTables(ctx.db);
    expect(tables).toEqual(
      expect.arrayContaining(["members", "review_meetings", "self_reviews", "evaluation_rounds"]),
    );
    for (const table of tables) {
      const stale = await ctx.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${table}" WHERE org_path <@ $1::ltree`,
        [oldPath],
      );
      expect(stale.rows[0]?.n, table).toBe(0);
    }
  });

  it("refuses a row written with the path it had before the move", async () => {
    await expect(buildMember(ctx.db, { org: { ...t.branch, path: oldPath } })).rejects.toThrow(
      /names no current organization/,
    );
  });

  it("keeps every path ending in its org's own id, which the exam rollup queue reads", async () => {
    const off = await ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM orgs WHERE subpath(path, -1)::text <> id::text",
    );
    expect(off.rows[0]?.n).toBe(0);
    const moved = await ctx.db.query<{ path: string }>(
      "SELECT path::text FROM orgs WHERE id = $1",
      [t.branch.id],
    );
    expect(moved.rows[0]?.path).not.toBe(oldPath);
    await expect(
      ctx.db.query(
        `INSERT INTO orgs (parent_id, kind, name, code, path)
         VALUES ($1, 'branch', '第九党支部', '999', $2::ltree)`,
        [t.branch.id, `${moved.rows[0]?.path}.1`],
      ),
    ).rejects.toThrow(/orgs_path_ends_in_id/);
    await expect(
      ctx.db.query("UPDATE orgs SET path = $2::ltree WHERE id = $1", [
        t.branch.id,
        `${moved.rows[0]?.path}.${t.branch.id + 1}`,
      ]),
    ).rejects.toThrow(/orgs_path_ends_in_id/);
  });

  it("guards every scoped table, so a module's new table cannot be forgotten", async () => {
    const guarded = await ctx.db.query<{ table: string }>(
      `SELECT DISTINCT c.relname AS table FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
        WHERE g.tgname LIKE '%\\_org\\_path\\_insert' OR g.tgname LIKE '%\\_org\\_path\\_update'`,
    );
    const names = guarded.rows.map((r) => r.table);
    for (const table of await scopedTables(ctx.db)) expect(names, table).toContain(table);
    for (const table of PATHS_AS_RECORDED) expect(names).not.toContain(table);
  });
});
