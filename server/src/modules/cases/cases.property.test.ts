import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import {
  expectClientError,
  junkBodies,
  noise,
  sendJson,
  tableSnapshot,
} from "../../../test/fuzz.ts";
import type { AppContext } from "../../platform/context.ts";
import { aReport, type CasesTree, casesTree, fileAReport } from "./cases.fixtures.ts";
import { ReportBody, TransitionBody } from "./cases.schemas.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: CasesTree;
let openCase: number;
const TABLES = [
  "cases",
  "case_filers",
  "case_events",
  "case_files",
  "audit_events",
  "notifications",
];

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await casesTree(ctx);
  openCase = (await fileAReport(app, t.filer)).id;
});

const nearMisses = noise(
  "",
  " ",
  "\u0000",
  "javascript:alert(1)",
  "https://user:pw@example.com/",
  "9999-99-99",
  "x".repeat(5001),
  [0],
  [99],
  -1,
  "weibo\u202e",
);

describe("filing a report with random bodies", () => {
  it("refuses what the schema refuses with a 4xx and writes nothing", async () => {
    const before = await tableSnapshot(ctx.db, TABLES);
    await fc.assert(
      fc.asyncProperty(
        junkBodies(() => aReport(), nearMisses, { extraKeys: ["subjectMemberId"] }),
        async (body) => {
          fc.pre(!ReportBody.safeParse(body).success);
          const res = await sendJson(
            app,
            { method: "POST", url: "/api/cases/reports", headers: t.filer.headers },
            body,
          );
          expectClientError(res);
          expect(res.json().error.message).toBeTruthy();
        },
      ),
      { numRuns: 60 },
    );
    expect(await tableSnapshot(ctx.db, TABLES)).toEqual(before);
  });

  it("never answers a 5xx to a body the schema accepts", async () => {
    const valid = fc.record({
      platform: fc.constantFrom("weibo", "douyin", "other"),
      link: fc.webUrl({ validSchemes: ["https"] }),
      seenOn: fc.constantFrom("2026-01-05", "2025-12-31"),
      description: fc.string({ minLength: 1, maxLength: 80 }).filter((s) => s.trim().length > 0),
      articles: fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 3 }),
      subjectName: fc.option(fc.constantFrom("张某", "李华"), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(valid, async (body) => {
        fc.pre(ReportBody.safeParse(body).success);
        const res = await sendJson(
          app,
          { method: "POST", url: "/api/cases/reports", headers: t.filer.headers },
          body,
        );
        expect(res.statusCode, res.body).toBeLessThan(500);
      }),
      { numRuns: 25 },
    );
  });
});

describe("case steps with random bodies and names", () => {
  it("never answer a 5xx, and a refused step changes nothing", async () => {
    const before = await tableSnapshot(ctx.db, ["cases", "case_events"]);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("accept", "close", "decline", "forward", "erase", "%00", "record_measures"),
        junkBodies(() => ({ outcome: "unfounded", feedback: "答复", note: "记录" }), nearMisses),
        async (name, body) => {
          fc.pre(!TransitionBody.safeParse(body).success || !["accept", "decline"].includes(name));
          const res = await sendJson(
            app,
            {
              method: "POST",
              url: `/api/cases/${openCase}/transitions/${encodeURIComponent(name)}`,
              headers: t.branchSecretary.headers,
            },
            body,
          );
          expectClientError(res);
        },
      ),
      { numRuns: 60 },
    );
    expect(await tableSnapshot(ctx.db, ["cases", "case_events"])).toEqual(before);
  });
});
