import { beforeAll, describe, expect, it } from "vitest";
import { buildMember } from "../../../../test/factories.ts";
import type { AuditActor } from "../../../platform/audit/record.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { type Caller, call, callerWith } from "../../orgs/orgs.fixtures.ts";
import { type ExamWorld, examWorld, keyOf } from "../study.fixtures.ts";
import { type Submission, submitManyWithAudit } from "./attempts.repo.ts";
import { submitScored } from "./submission-batches.ts";

let exam: ExamWorld;

beforeAll(async () => {
  exam = await examWorld();
});

async function sitting(): Promise<{ who: Caller; attemptId: number }> {
  const m = await buildMember(exam.ctx.db, { org: exam.w.branch });
  const who = await callerWith(exam.ctx, "member", exam.w.branch, m);
  const res = await call(exam.app, who, "POST", `/api/study/tasks/${exam.campaignId}/attempts`, {});
  expect(res.statusCode, res.body).toBe(200);
  return { who, attemptId: res.json().id };
}

async function submitAudits(ids: number[]) {
  const rows = await exam.ctx.db.query<{ id: string; user: number; n: number; after: unknown }>(
    `SELECT e.entity_id AS id, max(e.actor_user_id) AS user, count(*)::int AS n, max(e.after::text)::jsonb AS after
       FROM audit_events e
      WHERE e.action = 'study.attempt.submit' AND e.entity_id = ANY($1::text[])
      GROUP BY e.entity_id`,
    [ids.map(String)],
  );
  return new Map(rows.rows.map((r) => [Number(r.id), r]));
}

const member: AuditActor = { userId: null, label: "测试", requestId: "req-batch" };

const submission = (id: number): Submission => ({
  id,
  answers: {},
  scored: { correct: 0, total: 5, score: 0, passed: false },
  audit: member,
});

/** A pool that records each named statement it runs with its first parameter. */
function counted(db: Queryable) {
  const sent: { name: string; first: unknown }[] = [];
  const wrapped: Queryable = {
    query: ((config: { name?: string; values?: unknown[] }, values?: unknown[]) => {
      sent.push({ name: config.name ?? "", first: config.values?.[0] });
      return (db.query as (c: unknown, v?: unknown[]) => Promise<unknown>)(config, values);
    }) as Queryable["query"],
  };
  return { wrapped, sent };
}

describe("submissions in flight together", () => {
  it("close each paper once, under its own member, when many arrive at once with double clicks", async () => {
    const sittings = await Promise.all(Array.from({ length: 24 }, () => sitting()));
    const keys = await Promise.all(sittings.map((s) => keyOf(exam.ctx, s.attemptId)));
    const submit = (i: number) =>
      call(
        exam.app,
        sittings[i]?.who as Caller,
        "POST",
        `/api/study/attempts/${sittings[i]?.attemptId}/submit`,
        {
          answers: i % 2 === 0 ? keys[i] : {},
        },
      );
    // The first six members click twice: both requests race in the same rush.
    const order = [...sittings.keys(), 0, 1, 2, 3, 4, 5];
    const answers = await Promise.all(order.map((i) => submit(i)));

    for (const [i] of sittings.entries()) {
      const mine = answers.filter((_, k) => order[k] === i);
      expect(mine.filter((r) => r.statusCode === 200)).toHaveLength(1);
      for (const refused of mine.filter((r) => r.statusCode !== 200)) {
        expect(refused.statusCode).toBe(409);
        expect(refused.json().error.code).toBe("study_already_submitted");
      }
    }
    const ids = sittings.map((s) => s.attemptId);
    const stored = await exam.ctx.db.query<{ id: number; score: number; user: number }>(
      `SELECT a.id, a.score, u.id AS user FROM study_attempts a JOIN users u ON u.member_id = a.member_id
        WHERE a.id = ANY($1::bigint[])`,
      [ids],
    );
    const audits = await submitAudits(ids);
    for (const row of stored.rows) {
      const i = ids.indexOf(row.id);
      expect(row.score).toBe(i % 2 === 0 ? 100 : 0);
      expect(audits.get(row.id)).toMatchObject({
        n: 1,
        user: row.user,
        after: { score: row.score },
      });
    }
    expect(stored.rows).toHaveLength(24);
  });

  it("share one statement among submissions that wait, in id order, and answer each its own", async () => {
    const sittings = await Promise.all(Array.from({ length: 12 }, () => sitting()));
    const { wrapped, sent } = counted(exam.ctx.db);
    // Handed in newest first: the statement still takes its rows in id order, so two batches
    // in flight that share attempts lock them in the same order and cannot deadlock (with a
    // large table the plan walks the ids in the order given, ADR 0034).
    const closed = await Promise.all(
      [...sittings].reverse().map((s) => submitScored(wrapped, submission(s.attemptId))),
    );
    expect(closed).toEqual(sittings.map(() => true));
    const statements = sent.filter((q) => q.name === "wg_attempts_submit");
    expect(statements.length).toBeLessThan(sittings.length);
    for (const { first } of statements) {
      const ids = first as number[];
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
    }
    expect(statements.some((q) => (q.first as number[]).length > 1)).toBe(true);
    expect(await submitScored(wrapped, submission(sittings[0]?.attemptId as number))).toBe(false);
  });

  it("refuse alone a paper whose time ran out between the read and the close", async () => {
    const sittings = await Promise.all(Array.from({ length: 3 }, () => sitting()));
    const late = sittings[1]?.attemptId as number;
    await exam.ctx.db.query(
      "UPDATE study_attempts SET deadline_at = now() - interval '1 hour' WHERE id = $1",
      [late],
    );
    const ids = sittings.map((s) => s.attemptId);
    expect(await submitManyWithAudit(exam.ctx.db, ids.map(submission))).toEqual([
      true,
      false,
      true,
    ]);
    const audits = await submitAudits(ids);
    expect([...audits.keys()].sort()).toEqual([ids[0], ids[2]].sort());
  });

  it("leave nothing half-written when the shared statement fails, then close the others alone", async () => {
    const sittings = await Promise.all(Array.from({ length: 6 }, () => sitting()));
    const poisoned = sittings[2]?.attemptId as number;
    // A value PostgreSQL itself refuses (not JSON where jsonb is cast) for one attempt: the
    // shared statement fails as a whole, as it would on any error in any one row.
    const spoiled: Queryable = {
      query: ((config: { name?: string; text: string; values?: unknown[][] }) => {
        const values = config.values;
        if (config.name === "wg_attempts_submit" && values) {
          const answers = (values[1] as string[]).map((a, k) =>
            values[0]?.[k] === poisoned ? "{not json" : a,
          );
          const spoilt = [values[0], answers, ...values.slice(2)];
          return exam.ctx.db.query({ name: config.name, text: config.text, values: spoilt });
        }
        return exam.ctx.db.query(config);
      }) as Queryable["query"],
    };
    const settled = await Promise.allSettled(
      sittings.map((s) => submitScored(spoiled, submission(s.attemptId))),
    );
    const ids = sittings.map((s) => s.attemptId);
    settled.forEach((s, k) => {
      if (ids[k] === poisoned) expect(s.status).toBe("rejected");
      else expect(s).toEqual({ status: "fulfilled", value: true });
    });
    const open = await exam.ctx.db.query<{ id: number }>(
      "SELECT id FROM study_attempts WHERE id = ANY($1::bigint[]) AND submitted_at IS NULL",
      [ids],
    );
    expect(open.rows.map((r) => r.id)).toEqual([poisoned]);
    const audits = await submitAudits(ids);
    expect(audits.has(poisoned)).toBe(false);
    expect([...audits.values()].every((a) => a.n === 1)).toBe(true);
    expect(audits.size).toBe(5);
  });
});
