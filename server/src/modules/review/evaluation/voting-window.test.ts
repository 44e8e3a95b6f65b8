import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { auditCount, call } from "../../orgs/orgs.fixtures.ts";
import { type ReviewTree, reviewTree } from "../review.fixtures.ts";
import { type KeyedRound, openKeyedRound, sealedVote, vote } from "./evaluation.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: ReviewTree;
let round: KeyedRound;
let today: string;

/** A date `days` from today in Beijing's calendar, as the server counts phases. */
async function day(days: number): Promise<string> {
  const res = await ctx.db.query<{ d: string }>(
    "SELECT to_char(cn_today() + $1::int, 'YYYY-MM-DD') AS d",
    [days],
  );
  return res.rows[0]?.d as string;
}

/** Moves the round's timetable as the calendar would, without waiting for the days to pass. */
async function setTimetable(summaryDue: string, voteDue: string, decideDue: string) {
  await ctx.db.query(
    `UPDATE evaluation_rounds SET summary_due = $2, vote_due = $3, decide_due = $4 WHERE id = $1`,
    [round.roundId, summaryDue, voteDue, decideDue],
  );
}

const ballot = () => sealedVote(round, t.self.id, t.liu.id, "competent");
const detail = async () =>
  (await call(app, t.member, "GET", `/api/review/rounds/${round.roundId}`)).json();

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await reviewTree(ctx);
  today = await day(0);
  round = await openKeyedRound(app, t, 2026, {
    summaryDue: await day(3),
    voteDue: await day(10),
    decideDue: await day(15),
  });
});

describe("the 投票 phase's dates", () => {
  it("refuses a ballot during 个人总结, naming the phase and the day voting opens", async () => {
    const before = await auditCount(ctx, "evaluation.vote");
    const res = await vote(app, t.member, round, ballot());
    expect(res.statusCode).toBe(409);
    const [y, m, d] = (await day(4)).split("-").map(Number);
    expect(res.json().error).toMatchObject({
      code: "voting_not_started",
      message: expect.stringContaining(`投票阶段自${y}年${m}月${d}日开始`),
    });
    expect(res.json().error.message).toContain("尚在个人总结阶段");
    expect(await auditCount(ctx, "evaluation.vote")).toBe(before);
    expect(await detail()).toMatchObject({
      phase: "summary",
      votingWindow: { opensOn: await day(4), closesOn: await day(10), state: "before" },
      can: { vote: false },
    });
  });

  it("takes ballots from the day after 个人总结 is due through 投票's last day", async () => {
    await setTimetable(await day(-1), today, await day(5));
    expect(await detail()).toMatchObject({
      phase: "voting",
      votingWindow: { opensOn: today, state: "open" },
      can: { vote: true },
    });
    const res = await vote(app, t.member, round, ballot());
    expect(res.statusCode, res.body).toBe(200);
  });

  it("refuses a ballot after 投票's last day, naming that day, and keeps the earlier ballot", async () => {
    await setTimetable(await day(-10), await day(-1), await day(5));
    const res = await vote(app, t.member, round, ballot());
    expect(res.statusCode).toBe(409);
    const [y, m, d] = (await day(-1)).split("-").map(Number);
    expect(res.json().error).toMatchObject({
      code: "voting_ended",
      message: expect.stringContaining(`投票阶段已于${y}年${m}月${d}日截止`),
    });
    const seen = await detail();
    expect(seen).toMatchObject({ votingWindow: { state: "after" }, can: { vote: false } });
    expect(seen.turnout.voted).toBe(1);
    const en = await app.inject({
      method: "POST",
      url: `/api/review/rounds/${round.roundId}/votes`,
      headers: { ...t.member.headers, "accept-language": "en-US" },
      payload: ballot(),
    });
    expect(en.json().error.message).toContain("Voting closed on");
  });

  it("leaves a round without a timetable open to ballots while it is open", async () => {
    const plain = await openKeyedRound(app, t, 2027);
    const res = await vote(
      app,
      t.member,
      plain,
      sealedVote(plain, t.self.id, t.liu.id, "excellent"),
    );
    expect(res.statusCode, res.body).toBe(200);
    const seen = (await call(app, t.member, "GET", `/api/review/rounds/${plain.roundId}`)).json();
    expect(seen.votingWindow).toEqual({ opensOn: null, closesOn: null, state: "open" });
  });
});
