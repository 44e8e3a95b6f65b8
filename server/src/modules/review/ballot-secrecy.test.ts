import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import type { AppContext } from "../../platform/context.ts";
import { type Caller, call } from "../orgs/orgs.fixtures.ts";
import { type ReviewTree, reviewTree } from "./review.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: ReviewTree;
let roundId: number;
const receipts = new Map<Caller, string>();

const vote = (who: Caller, body: Record<string, unknown>) =>
  call(app, who, "POST", `/api/review/rounds/${roundId}/votes`, body);

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await reviewTree(ctx);
  const opened = await call(app, t.branchSecretary, "POST", "/api/review/rounds", {
    orgId: t.branch.id,
    year: 2024,
  });
  expect(opened.statusCode, opened.body).toBe(201);
  roundId = opened.json().id;
  // Three voters grade 刘红梅, each differently, in a known order.
  for (const [who, grade] of [
    [t.member, "excellent"],
    [t.chenCaller, "competent"],
    [t.branchSecretary, "basically_competent"],
  ] as const) {
    const res = await vote(who, { memberId: t.liu.id, grade });
    expect(res.statusCode, res.body).toBe(200);
    receipts.set(who, res.json().receipt);
  }
});

const columns = async (table: string) =>
  (
    await ctx.db.query<{ column_name: string; data_type: string; column_default: string | null }>(
      `SELECT column_name, data_type, column_default FROM information_schema.columns
        WHERE table_name = $1 ORDER BY ordinal_position`,
      [table],
    )
  ).rows;

describe("ballot secrecy", () => {
  it("stores no column that could join a ballot to its voter", async () => {
    const ballot = await columns("evaluation_ballots");
    const participation = await columns("evaluation_participation");
    expect(ballot.map((c) => c.column_name)).toEqual([
      "id",
      "round_id",
      "subject_member_id",
      "grade",
      "receipt_digest",
    ]);
    // Shared columns name only the round and the member voted on, which every ballot on that
    // member has in common: they group ballots, they never pick one out.
    const shared = ballot
      .map((c) => c.column_name)
      .filter((n) => participation.some((p) => p.column_name === n));
    expect(shared).toEqual(["round_id", "subject_member_id"]);
    expect(participation.map((c) => c.column_name)).not.toContain("grade");
    // No time, no sequence: the id is a random UUID.
    expect(ballot.filter((c) => /time|date/.test(c.data_type))).toEqual([]);
    expect(participation.filter((c) => /time|date/.test(c.data_type))).toEqual([]);
    expect(ballot.find((c) => c.column_name === "id")).toMatchObject({
      data_type: "uuid",
      column_default: "gen_random_uuid()",
    });
    const keys = await ctx.db.query(
      `SELECT conname FROM pg_constraint WHERE contype = 'f'
          AND conrelid = 'evaluation_ballots'::regclass AND confrelid IN
            ('evaluation_participation'::regclass, 'users'::regclass)`,
    );
    expect(keys.rowCount).toBe(0);
  });

  it("leaves no writer transaction id that singles out one voter's ballot", async () => {
    // Every vote rewrites all ballots on the member, so they share the last writer's xmin.
    const ballots = await ctx.db.query<{ xmin: string }>(
      "SELECT xmin::text FROM evaluation_ballots WHERE round_id = $1 AND subject_member_id = $2",
      [roundId, t.liu.id],
    );
    expect(new Set(ballots.rows.map((b) => b.xmin)).size).toBe(1);
    const joins = await ctx.db.query<{ n: number }>(
      `SELECT count(b.id)::int AS n FROM evaluation_participation p
         LEFT JOIN evaluation_ballots b ON b.xmin = p.xmin AND b.round_id = p.round_id
        WHERE p.round_id = $1 AND p.subject_member_id = $2 GROUP BY p.voter_member_id`,
      [roundId, t.liu.id],
    );
    for (const { n } of joins.rows) expect([0, 3]).toContain(n);
  });

  it("audits participation without the member voted on or the grade", async () => {
    const rows = await ctx.db.query<{ entity_type: string; entity_id: string; after: unknown }>(
      "SELECT entity_type, entity_id, after FROM audit_events WHERE action = 'evaluation.vote'",
    );
    expect(rows.rowCount).toBe(3);
    for (const row of rows.rows) {
      expect(row).toEqual({
        entity_type: "evaluation_round",
        entity_id: String(roundId),
        after: null,
      });
    }
  });

  it("shows a voter only whom they voted on, and the org only counts", async () => {
    const mine = (await call(app, t.chenCaller, "GET", `/api/review/rounds/${roundId}`)).json();
    const liu = mine.members.find((m: { memberId: number }) => m.memberId === t.liu.id);
    expect(liu).toMatchObject({ votedByMe: true, tally: null, finalGrade: null });
    expect(JSON.stringify(mine)).not.toContain('competent"');
  });
});

describe("voting rules", () => {
  it("refuses voting on oneself, a second ballot, a grade outside the four, and a probationary vote", async () => {
    const self = await vote(t.liuCaller, { memberId: t.liu.id, grade: "excellent" });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.message).toContain("不能给本人投票");
    const twice = await vote(t.chenCaller, { memberId: t.liu.id, grade: "excellent" });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe("already_voted");
    const odd = await vote(t.chenCaller, { memberId: t.cadre.id, grade: "outstanding" });
    expect(odd.statusCode).toBe(400);
    expect(odd.json().error.field).toBe("grade");
    const probationary = await vote(t.probationaryCaller, {
      memberId: t.liu.id,
      grade: "competent",
    });
    expect(probationary.statusCode).toBe(403);
    expect(probationary.json().error.message).toContain("预备党员");
    const outsider = await vote(t.siblingSecretary, { memberId: t.liu.id, grade: "competent" });
    expect([403, 404]).toContain(outsider.statusCode);
  });

  it("lets a voter change their ballot with its receipt, and nothing else change one", async () => {
    const madeUp = await vote(t.chenCaller, {
      memberId: t.liu.id,
      grade: "incompetent",
      receipt: "A".repeat(22),
    });
    expect(madeUp.statusCode).toBe(400);
    expect(madeUp.json().error.field).toBe("receipt");
    // A receipt only works for someone who has voted on that member themselves.
    const notVoted = await vote(t.probationaryCaller, {
      memberId: t.liu.id,
      grade: "incompetent",
      receipt: receipts.get(t.member),
    });
    expect(notVoted.statusCode).toBe(403);
    const elsewhere = await vote(t.chenCaller, {
      memberId: t.cadre.id,
      grade: "incompetent",
      receipt: receipts.get(t.chenCaller),
    });
    expect(elsewhere.statusCode).toBe(400);
    const changed = await vote(t.chenCaller, {
      memberId: t.liu.id,
      grade: "excellent",
      receipt: receipts.get(t.chenCaller),
    });
    expect(changed.statusCode).toBe(200);
    const grades = await ctx.db.query<{ grade: string }>(
      "SELECT grade FROM evaluation_ballots WHERE round_id = $1 ORDER BY grade",
      [roundId],
    );
    expect(grades.rows.map((g) => g.grade)).toEqual([
      "basically_competent",
      "excellent",
      "excellent",
    ]);
  });

  it("refuses every vote once the round closes; the org then decides with counts in view", async () => {
    const closed = await call(
      app,
      t.branchSecretary,
      "POST",
      `/api/review/rounds/${roundId}/close`,
    );
    expect(closed.statusCode).toBe(200);
    const late = await vote(t.liuCaller, { memberId: t.chen.id, grade: "competent" });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe("round_closed");
    const liu = closed.json().members.find((m: { memberId: number }) => m.memberId === t.liu.id);
    expect(liu.tally).toEqual({
      excellent: 2,
      competent: 0,
      basically_competent: 1,
      incompetent: 0,
    });

    const decide = (body: Record<string, unknown>) =>
      call(app, t.branchSecretary, "POST", `/api/review/rounds/${roundId}/decisions`, body);
    const bare = await decide({ memberId: t.chen.id, grade: "incompetent" });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error).toMatchObject({ field: "reason", message: "评定为不合格须写明理由" });
    const failed = await decide({
      memberId: t.chen.id,
      grade: "incompetent",
      reason: "长期不参加组织生活",
    });
    expect(failed.json().followups).toEqual([
      { memberId: t.chen.id, reason: "长期不参加组织生活", status: "open" },
    ]);
    expect((await decide({ memberId: t.liu.id, grade: "excellent" })).statusCode).toBe(200);
  });

  it("exports results to Excel with counts and grades, never voters", async () => {
    const res = await call(
      app,
      t.branchSecretary,
      "GET",
      `/api/review/rounds/${roundId}/results.xlsx`,
    );
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(String(sheet?.getCell("A1").value)).toContain("导出人");
    const rows: unknown[][] = [];
    sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const liu = rows.find((r) => r[0] === "刘红梅");
    expect(liu?.slice(2, 7)).toEqual([2, 0, 1, 0, "优秀"]);
    const member = await call(
      app,
      t.liuCaller,
      "GET",
      `/api/review/rounds/${roundId}/results.xlsx`,
    );
    expect(member.statusCode).toBe(404);
  });
});
