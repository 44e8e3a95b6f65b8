import { generateTrusteeKey, partialDecrypt, trusteeContext } from "@wanggui/ballot";
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { anonymous, auditCount, call } from "../../orgs/orgs.fixtures.ts";
import { type ReviewTree, reviewTree } from "../review.fixtures.ts";
import { type KeyedRound, openKeyedRound, sealedVote, vote } from "./evaluation.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: ReviewTree;
let round: KeyedRound;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await reviewTree(ctx);
  round = await openKeyedRound(app, t, 2025);
});

const rows = async (table: string) =>
  (await ctx.db.query(`SELECT * FROM ${table} ORDER BY 1, 2, 3`)).rows;

describe("casting a ballot", () => {
  it("refuses strangers, probationary members, oneself and members outside the round", async () => {
    const body = sealedVote(round, t.self.id, t.liu.id, "competent");
    expect((await vote(app, anonymous, round, body)).statusCode).toBe(401);
    expect((await vote(app, t.siblingSecretary, round, body)).statusCode).toBe(403);
    const probationary = await vote(
      app,
      t.probationaryCaller,
      round,
      sealedVote(round, t.probationary.id, t.liu.id, "competent"),
    );
    expect(probationary.statusCode).toBe(403);
    expect(probationary.json().error.message).toContain("预备党员");
    const self = await vote(
      app,
      t.liuCaller,
      round,
      sealedVote(round, t.liu.id, t.liu.id, "excellent"),
    );
    expect(self.statusCode).toBe(400);
    expect(self.json().error.message).toContain("不能给本人投票");
    const outsider = await vote(
      app,
      t.liuCaller,
      round,
      sealedVote(round, t.liu.id, 999_999, "excellent"),
    );
    expect(outsider.json().error.field).toBe("memberId");
    expect(await rows("evaluation_sealed_ballots")).toEqual([]);
  });

  it("refuses a ballot for two grades, and a copy of another voter's ballot, writing nothing", async () => {
    const mine = await vote(
      app,
      t.member,
      round,
      sealedVote(round, t.self.id, t.liu.id, "competent"),
    );
    expect(mine.statusCode, mine.body).toBe(200);
    const before = {
      ballots: await rows("evaluation_sealed_ballots"),
      audit: await auditCount(ctx),
    };
    // Each grade's ciphertext holds 0 or 1, but 优秀 and 合格 are both 1: the sum proof fails.
    const a = sealedVote(round, t.chen.id, t.liu.id, "excellent");
    const b = sealedVote(round, t.chen.id, t.liu.id, "competent");
    const doubled = {
      ...a,
      ballot: {
        ...a.ballot,
        choices: [a.ballot.choices[0], b.ballot.choices[1], ...a.ballot.choices.slice(2)],
      },
    };
    const two = await vote(app, t.chenCaller, round, doubled);
    expect(two.statusCode).toBe(400);
    expect(two.json().error).toMatchObject({
      field: "ballot",
      message: expect.stringContaining("选票校验未通过"),
    });
    // 王建国's ballot replayed by 陈晓明: its proofs name 王建国, so it does not verify for him.
    const copied = await vote(
      app,
      t.chenCaller,
      round,
      sealedVote(round, t.self.id, t.liu.id, "incompetent"),
    );
    expect(copied.statusCode).toBe(400);
    expect({
      ballots: await rows("evaluation_sealed_ballots"),
      audit: await auditCount(ctx),
    }).toEqual(before);
  });

  it("replaces only the caller's own ballot: the latest one counts, no receipt needed", async () => {
    const others = await vote(
      app,
      t.chenCaller,
      round,
      sealedVote(round, t.chen.id, t.liu.id, "excellent"),
    );
    expect(others.statusCode).toBe(200);
    const ownBefore = await ctx.db.query(
      "SELECT tracking_code FROM evaluation_sealed_ballots WHERE voter_member_id = $1",
      [t.self.id],
    );
    const again = await vote(
      app,
      t.member,
      round,
      sealedVote(round, t.self.id, t.liu.id, "excellent"),
    );
    expect(again.statusCode).toBe(200);
    const own = await ctx.db.query<{ voter: string; code: string }>(
      `SELECT voter_member_id::text AS voter, tracking_code AS code FROM evaluation_sealed_ballots
        WHERE subject_member_id = $1 ORDER BY 1`,
      [t.liu.id],
    );
    expect(own.rows).toHaveLength(2);
    expect(own.rows.find((r) => r.voter === String(t.self.id))?.code).toBe(
      again.json().trackingCode,
    );
    expect(ownBefore.rows[0]?.tracking_code).not.toBe(again.json().trackingCode);
    const detail = (await call(app, t.member, "GET", `/api/review/rounds/${round.roundId}`)).json();
    const liu = detail.members.find((m: { memberId: number }) => m.memberId === t.liu.id);
    expect(liu).toMatchObject({
      votedByMe: true,
      trackingCode: again.json().trackingCode,
      tally: null,
    });
    const list = await call(app, t.liuCaller, "GET", `/api/review/rounds/${round.roundId}/ballots`);
    expect(list.json().items.map((i: { trackingCode: string }) => i.trackingCode)).toContain(
      again.json().trackingCode,
    );
    expect(list.body).not.toContain(`${t.self.id},`);
  });
});

describe("trustees", () => {
  it("may be changed only before the first key, and must be full members of the round", async () => {
    const later = await call(
      app,
      t.branchSecretary,
      "POST",
      `/api/review/rounds/${round.roundId}/trustees`,
      {
        memberIds: [t.liu.id, t.chen.id],
      },
    );
    expect(later.statusCode).toBe(409);
    const opened = await call(app, t.branchSecretary, "POST", "/api/review/rounds", {
      orgId: t.branch.id,
      year: 2026,
    });
    const id = opened.json().id;
    const early = await vote(
      app,
      t.member,
      { ...round, roundId: id },
      sealedVote({ ...round, roundId: id }, t.self.id, t.liu.id, "competent"),
    );
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe("keys_pending");
    const probationary = await call(
      app,
      t.branchSecretary,
      "POST",
      `/api/review/rounds/${id}/trustees`,
      {
        memberIds: [t.cadre.id, t.probationary.id],
      },
    );
    expect(probationary.statusCode).toBe(400);
    expect(probationary.json().error.field).toBe("memberIds");
    const same = await call(app, t.branchSecretary, "POST", `/api/review/rounds/${id}/trustees`, {
      memberIds: [t.cadre.id, t.cadre.id],
    });
    expect(same.statusCode).toBe(400);
    // Closed before any key: nothing to count, and nobody needed to count it.
    const closed = await call(app, t.branchSecretary, "POST", `/api/review/rounds/${id}/close`);
    expect(closed.json()).toMatchObject({ status: "closed", counted: true });
  });

  it("give a key once, with a proof made for them and this round", async () => {
    const key = generateTrusteeKey(trusteeContext(round.roundId, t.chen.id));
    const notTrustee = await call(
      app,
      t.liuCaller,
      "POST",
      `/api/review/rounds/${round.roundId}/trustee-key`,
      {
        publicKey: key.publicKey,
        proof: key.proof,
      },
    );
    expect(notTrustee.statusCode).toBe(403);
    const again = await call(
      app,
      t.chenCaller,
      "POST",
      `/api/review/rounds/${round.roundId}/trustee-key`,
      {
        publicKey: key.publicKey,
        proof: key.proof,
      },
    );
    expect(again.statusCode).toBe(409);
  });

  it("open voting with a message to every voter when the last key is in, not before", async () => {
    const opened = await call(app, t.branchSecretary, "POST", "/api/review/rounds", {
      orgId: t.branch.id,
      year: 2031,
    });
    const id: number = opened.json().id;
    const url = `/api/review/rounds/${id}`;
    await call(app, t.branchSecretary, "POST", `${url}/trustees`, {
      memberIds: [t.cadre.id, t.chen.id],
    });
    const told = async () =>
      (
        await ctx.db.query(
          `SELECT u.member_id::int AS "memberId", n.link FROM notifications n JOIN users u ON u.id = n.user_id
            WHERE n.source_type = 'evaluation_round' AND n.source_id = $1 AND n.title LIKE '%投票已开始'
            ORDER BY 1`,
          [String(id)],
        )
      ).rows;
    const keyOf = (memberId: number) => generateTrusteeKey(trusteeContext(id, memberId));
    const first = keyOf(t.cadre.id);
    const k1 = await call(app, t.branchSecretary, "POST", `${url}/trustee-key`, {
      publicKey: first.publicKey,
      proof: first.proof,
    });
    expect(k1.json().can.vote).toBe(false);
    expect(await told()).toEqual([]);
    const last = keyOf(t.chen.id);
    const k2 = await call(app, t.chenCaller, "POST", `${url}/trustee-key`, {
      publicKey: last.publicKey,
      proof: last.proof,
    });
    expect(k2.statusCode).toBe(200);
    // Full members vote (王建国, 赵德胜, 刘红梅, 陈晓明); the probationary 孙文博 does not.
    const voters = [t.self.id, t.cadre.id, t.liu.id, t.chen.id].sort((a, b) => a - b);
    expect(await told()).toEqual(
      voters.map((memberId) => ({ memberId, link: `/review/rounds/${id}` })),
    );
  });

  it("refuse shares made with a key other than the trustee's, writing nothing", async () => {
    // A third ballot on 刘红梅, so her tallies are counted (two would be withheld).
    const third = await vote(
      app,
      t.branchSecretary,
      round,
      sealedVote(round, t.cadre.id, t.liu.id, "basically_competent"),
    );
    expect(third.statusCode, third.body).toBe(200);
    const closed = await call(
      app,
      t.branchSecretary,
      "POST",
      `/api/review/rounds/${round.roundId}/close`,
    );
    expect(closed.statusCode).toBe(200);
    const tallies = closed.json().encryptedTallies;
    expect(tallies.map((x: { memberId: number }) => x.memberId)).toEqual(Array(4).fill(t.liu.id));
    const stranger = generateTrusteeKey("elsewhere").secret;
    const shares = partialDecrypt(trusteeContext(round.roundId, t.chen.id), stranger, tallies);
    const before = await auditCount(ctx);
    const wrong = await call(
      app,
      t.chenCaller,
      "POST",
      `/api/review/rounds/${round.roundId}/decryption`,
      {
        shares: tallies.map((x: { memberId: number; grade: string }, i: number) => ({
          memberId: x.memberId,
          grade: x.grade,
          ...shares[i],
        })),
      },
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.field).toBe("shares");
    expect(await auditCount(ctx)).toBe(before);
    expect(await rows("evaluation_decryption_shares")).toEqual([]);
  });

  it("start again from keys when one is lost: every ballot and key is discarded", async () => {
    const member = await call(app, t.member, "POST", `/api/review/rounds/${round.roundId}/restart`);
    expect(member.statusCode).toBe(403);
    const res = await call(
      app,
      t.branchSecretary,
      "POST",
      `/api/review/rounds/${round.roundId}/restart`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: "open",
      jointKey: null,
      counted: false,
      encryptedTallies: [],
    });
    expect(res.json().trustees.map((x: { keyed: boolean }) => x.keyed)).toEqual([false, false]);
    const left = await ctx.db.query("SELECT 1 FROM evaluation_sealed_ballots WHERE round_id = $1", [
      round.roundId,
    ]);
    expect(left.rowCount).toBe(0);
    expect(await auditCount(ctx, "evaluation.round.restart")).toBe(1);
  });
});

describe("rounds opened before encrypted ballots", () => {
  it("stay readable and countable, and take no new votes", async () => {
    const legacy = await ctx.db.query<{ id: string }>(
      `INSERT INTO evaluation_rounds (org_id, org_path, org_name, year, scheme)
       VALUES ($1, $2::ltree, $3, 2019, 'plain') RETURNING id`,
      [t.branch.id, t.branch.path, t.branch.name],
    );
    const id = Number(legacy.rows[0]?.id);
    await ctx.db.query(
      `INSERT INTO evaluation_subjects (round_id, member_id, member_name, may_vote)
       VALUES ($1, $2, '刘红梅', true), ($1, $3, '王建国', true)`,
      [id, t.liu.id, t.self.id],
    );
    await ctx.db.query(
      `INSERT INTO evaluation_ballots (round_id, subject_member_id, grade, receipt_digest)
       VALUES ($1, $2, 'excellent', 'legacy-digest-1'), ($1, $2, 'excellent', 'legacy-digest-2'),
              ($1, $2, 'competent', 'legacy-digest-3'), ($1, $3, 'competent', 'legacy-digest-4')`,
      [id, t.liu.id, t.self.id],
    );
    const refused = await vote(
      app,
      t.member,
      { ...round, roundId: id },
      sealedVote({ ...round, roundId: id }, t.self.id, t.liu.id, "competent"),
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("plain_round");
    const closed = await call(app, t.branchSecretary, "POST", `/api/review/rounds/${id}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    const liu = closed.json().members.find((m: { memberId: number }) => m.memberId === t.liu.id);
    expect(closed.json()).toMatchObject({ scheme: "plain", counted: true });
    expect(liu).toMatchObject({
      ballots: 3,
      withheld: false,
      tally: { excellent: 2, competent: 1, basically_competent: 0, incompetent: 0 },
    });
    // One ballot on 王建国: its count would be that voter's grade, so it is withheld here too.
    const wang = closed.json().members.find((m: { memberId: number }) => m.memberId === t.self.id);
    expect(wang).toMatchObject({ ballots: 1, withheld: true, tally: null });
  });
});
