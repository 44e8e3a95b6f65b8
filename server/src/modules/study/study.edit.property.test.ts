import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { junkBodies, noise, sendJson, tableSnapshot } from "../../../test/fuzz.ts";
import type { AppContext } from "../../platform/context.ts";
import { auditCount, call } from "../orgs/orgs.fixtures.ts";
import {
  approvedBank,
  campaignBody,
  publishedCampaign,
  studyWorld,
  type World,
} from "./study.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let w: World;
let approvedId: number;
let draftQuestionId: number;
let draftCampaignId: number;
let publishedId: number;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  w = await studyWorld(ctx);
  [approvedId = 0] = await approvedBank(app, w);
  draftQuestionId = (
    await call(app, w.secretary, "POST", "/api/study/questions", {
      orgId: w.town.id,
      ...question(),
    })
  ).json().id;
  draftCampaignId = (
    await call(app, w.secretary, "POST", "/api/study/campaigns", campaignBody(w))
  ).json().id;
  publishedId = await publishedCampaign(app, w);
});

function question() {
  return {
    type: "single",
    stem: "题干",
    options: ["甲", "乙"],
    answer: ["0"],
    explanation: "解析",
    articleIds: [w.art(19)],
  };
}

/** The study rows, and how many audit rows (the sealer may chain earlier rows meanwhile). */
const snapshot = async () => ({
  ...(await tableSnapshot(ctx.db, ["study_questions", "study_campaigns"])),
  audit: await auditCount(ctx),
});

const editNoise = noise("", null, -1, 0, 1e21, "2024-02-30", ["9"], [999999], "single", 999_999);

const targets = [
  {
    name: "edit a draft question",
    url: () => `/api/study/questions/${draftQuestionId}`,
    valid: question,
  },
  {
    name: "revise an approved question",
    url: () => `/api/study/questions/${approvedId}`,
    valid: question,
  },
  {
    name: "edit a draft campaign",
    url: () => `/api/study/campaigns/${draftCampaignId}`,
    valid: () => campaignBody(w),
  },
  {
    name: "edit a published campaign",
    url: () => `/api/study/campaigns/${publishedId}`,
    valid: () => campaignBody(w),
  },
];

describe.each(targets)("PUT $name with random bodies", (t) => {
  it("answers 4xx (never 500) and writes nothing when it refuses", async () => {
    await fc.assert(
      fc.asyncProperty(
        junkBodies(t.valid, editNoise, { extraKeys: ["orgId", "status"] }),
        async (body) => {
          const before = await snapshot();
          const res = await sendJson(
            app,
            { method: "PUT", url: t.url(), headers: w.secretary.headers },
            body,
          );
          expect(res.statusCode, res.body).toBeLessThan(500);
          if (res.statusCode >= 400) {
            expect(res.json().error.code).toBeTypeOf("string");
            expect(await snapshot()).toEqual(before);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("path ids of the edit routes", () => {
  it("answer 4xx (never 500) and write nothing", async () => {
    // A string of digits may name a real draft the secretary can edit ("1"): that is a 200,
    // not junk, so the arbitrary leaves such strings out.
    const id = fc.oneof(
      fc.string().filter((s) => !/^\s*\d+\s*$/.test(s)),
      fc.constantFrom("", "-1", "0", "1e21", "abc", "9007199254740993", "%00", "[]"),
    );
    await fc.assert(
      fc.asyncProperty(id, fc.boolean(), async (v, isQuestion) => {
        const before = await snapshot();
        const url = `/api/study/${isQuestion ? "questions" : "campaigns"}/${encodeURIComponent(v)}`;
        const body = isQuestion ? question() : campaignBody(w);
        const res = await sendJson(app, { method: "PUT", url, headers: w.secretary.headers }, body);
        expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, res.body).toBeLessThan(500);
        expect(await snapshot()).toEqual(before);
      }),
      { numRuns: 60 },
    );
  });
});
