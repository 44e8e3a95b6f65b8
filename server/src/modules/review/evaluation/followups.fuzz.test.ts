import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { auditCount, call } from "../../orgs/orgs.fixtures.ts";
import { sniffEvidence } from "../evidence-file-type.ts";
import { type ReviewTree, reviewTree } from "../review.fixtures.ts";
import { CloseFollowupBody, FollowupParams, FollowupQuery } from "./evaluation.schemas.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: ReviewTree;
let followupId: number;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await reviewTree(ctx);
  const roundId = (
    await call(app, t.branchSecretary, "POST", "/api/review/rounds", {
      orgId: t.branch.id,
      year: 2024,
    })
  ).json().id;
  await call(app, t.branchSecretary, "POST", `/api/review/rounds/${roundId}/close`);
  await call(app, t.branchSecretary, "POST", `/api/review/rounds/${roundId}/decisions`, {
    memberId: t.chen.id,
    grade: "incompetent",
    reason: "理由充分",
  });
  followupId = (await call(app, t.branchSecretary, "GET", "/api/review/followups")).json().items[0]
    .id;
});

/** Near-misses for the two texts: empty, blank, one character, control characters, too long. */
const text = fc.oneof(
  fc.string(),
  fc.constantFrom("", " ", "谈", "\u0000谈话", "谈话\u0007提醒", "x".repeat(5001)),
  fc.jsonValue(),
);

async function state() {
  const row = await ctx.db.query("SELECT status, measures, outcome FROM evaluation_followups");
  return { rows: row.rows, audit: await auditCount(ctx) };
}

describe("closing a follow-up with random input", () => {
  it("is refused with a 4xx naming the problem, and nothing changes", async () => {
    const before = await state();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ measures: text, outcome: text }, { requiredKeys: [] }),
          fc.record({ measures: text, outcome: text, extra: fc.jsonValue() }),
          fc.jsonValue(),
        ),
        async (body) => {
          fc.pre(!CloseFollowupBody.safeParse(body).success);
          const res = await app.inject({
            method: "POST",
            url: `/api/review/followups/${followupId}/close`,
            headers: {
              ...t.branchSecretary.headers,
              "accept-language": "zh-CN",
              "content-type": "application/json",
            },
            payload: JSON.stringify(body),
          });
          expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
          expect(res.statusCode, res.body).toBeLessThan(500);
          expect(res.json().error.message).toBeTruthy();
        },
      ),
      { numRuns: 80 },
    );
    expect(await state()).toEqual(before);
  });

  it("path ids other than the record's are 400 or 404, never 500", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.integer().map(String),
          fc.constantFrom("0", "-1", "1e3", "9".repeat(30)),
        ),
        async (id) => {
          // The one real id would close the record; every other id must be refused.
          const parsed = FollowupParams.safeParse({ id });
          fc.pre(!(parsed.success && parsed.data.id === followupId));
          const res = await call(
            app,
            t.branchSecretary,
            "POST",
            `/api/review/followups/${encodeURIComponent(id)}/close`,
            { measures: "谈话提醒", outcome: "已改正" },
          );
          expect([400, 404]).toContain(res.statusCode);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("random follow-up queries", () => {
  it("are answered when the schema accepts them and 400 otherwise", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom("orgId", "roundId", "status", "x"),
          fc.oneof(
            fc.string(),
            fc.constantFrom("1", "0", "open", "closed", "%", String(t.branch.id)),
          ),
        ),
        async (params) => {
          const qs = new URLSearchParams(params).toString();
          const res = await call(app, t.secretary, "GET", `/api/review/followups?${qs}`);
          if (FollowupQuery.safeParse(params).success) expect([200, 404]).toContain(res.statusCode);
          else expect(res.statusCode, `${qs} → ${res.body}`).toBe(400);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("sniffing evidence files", () => {
  it("accepts only what the first bytes say is PDF, DOCX, PNG or JPEG", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (raw) => {
        const bytes = Buffer.from(raw);
        let mime: string | null = null;
        try {
          mime = sniffEvidence(bytes);
        } catch (e) {
          expect((e as { field?: string }).field).toBe("file");
          return;
        }
        const head = bytes.subarray(0, 5).toString("latin1");
        expect(
          head === "%PDF-" || bytes[0] === 0x89 || bytes[0] === 0xff || bytes[0] === 0x50,
          mime,
        ).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (tail) => {
        expect(sniffEvidence(Buffer.concat([Buffer.from("%PDF-"), Buffer.from(tail)]))).toBe(
          "application/pdf",
        );
      }),
    );
  });
});
