import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { junkBodies, noise, sendJson, tableSnapshot } from "../../../test/fuzz.ts";
import type { AppContext } from "../../platform/context.ts";
import { type Caller, call } from "../orgs/orgs.fixtures.ts";
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
let campaignId: number;
let attemptId: number;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  w = await studyWorld(ctx);
  await approvedBank(app, w);
  campaignId = await publishedCampaign(app, w);
  attemptId = (
    await call(app, w.member, "POST", `/api/study/tasks/${campaignId}/attempts`, {})
  ).json().id;
});

/** Every study table, hashed: a refused request must leave all of them as they were. */
function snapshot() {
  return tableSnapshot(ctx.db, [
    "study_questions",
    "study_materials",
    "study_campaigns",
    "study_attempts",
    "study_material_reads",
    "study_practice_days",
    "study_cards",
    "study_org_settings",
  ]);
}

/** Near-misses for study fields: answers, question types, out-of-range ids. */
const studyNoise = noise(
  "",
  null,
  -1,
  0,
  1e21,
  "2024-02-30",
  ["0"],
  { "1": ["0"] },
  true,
  "single",
  [999999],
);

interface Target {
  name: string;
  method: "POST" | "PUT";
  url: () => string;
  who: () => Caller;
  valid: () => Record<string, unknown>;
}

const targets: Target[] = [
  {
    name: "create question",
    method: "POST",
    url: () => "/api/study/questions",
    who: () => w.secretary,
    valid: () => ({
      orgId: w.town.id,
      type: "single",
      stem: "题干",
      options: ["甲", "乙"],
      answer: ["0"],
      explanation: "解析",
      articleIds: [w.art(19)],
    }),
  },
  {
    name: "review question",
    method: "POST",
    url: () => "/api/study/questions/1/review",
    who: () => w.secretary,
    valid: () => ({ decision: "approve" }),
  },
  {
    name: "generate",
    method: "POST",
    url: () => "/api/study/questions/generate",
    who: () => w.secretary,
    valid: () => ({ orgId: w.town.id, limit: 3 }),
  },
  {
    name: "create material",
    method: "POST",
    url: () => "/api/study/materials",
    who: () => w.secretary,
    valid: () => ({ kind: "link", orgId: w.town.id, title: "解读", url: "https://www.12371.cn/" }),
  },
  {
    name: "create campaign",
    method: "POST",
    url: () => "/api/study/campaigns",
    who: () => w.secretary,
    valid: () => campaignBody(w),
  },
  {
    name: "remind",
    method: "POST",
    url: () => `/api/study/campaigns/${campaignId}/remind`,
    who: () => w.secretary,
    valid: () => ({ target: "not_started" }),
  },
  {
    name: "settings",
    method: "PUT",
    url: () => `/api/study/settings/${w.town.id}`,
    who: () => w.secretary,
    valid: () => ({ rankingsEnabled: true }),
  },
  {
    name: "autosave",
    method: "PUT",
    url: () => `/api/study/attempts/${attemptId}/answers`,
    who: () => w.member,
    valid: () => ({ answers: {} }),
  },
  {
    name: "submit",
    method: "POST",
    url: () => `/api/study/attempts/${attemptId}/submit`,
    who: () => w.member,
    valid: () => ({ answers: {} }),
  },
  {
    name: "practice answer",
    method: "POST",
    url: () => "/api/study/practice/answers",
    who: () => w.member,
    valid: () => ({ questionId: 1, answer: ["0"] }),
  },
];

describe.each(targets)("$method $name with random bodies", (t) => {
  it("answers 4xx (never 500) and writes nothing when it refuses", async () => {
    await fc.assert(
      fc.asyncProperty(junkBodies(t.valid, studyNoise, { extraKeys: ["score"] }), async (body) => {
        const before = await snapshot();
        const res = await sendJson(
          app,
          { method: t.method, url: t.url(), headers: t.who().headers },
          body,
        );
        expect(res.statusCode, res.body).toBeLessThan(500);
        if (res.statusCode >= 400) {
          expect(res.json().error.code).toBeTypeOf("string");
          expect(await snapshot()).toEqual(before);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe("query strings and path ids", () => {
  const noise = fc.oneof(
    fc.string(),
    fc.constantFrom(
      "",
      "-1",
      "0",
      "1e21",
      "abc",
      "draft",
      "single",
      "not_started",
      "9007199254740993",
      "%00",
      "[]",
    ),
  );
  const urls = [
    (v: string) =>
      `/api/study/questions?status=${encodeURIComponent(v)}&page=${encodeURIComponent(v)}`,
    (v: string) =>
      `/api/study/questions?type=${encodeURIComponent(v)}&pageSize=${encodeURIComponent(v)}`,
    (v: string) => `/api/study/campaigns/${campaignId}/results?status=${encodeURIComponent(v)}`,
    (v: string) => `/api/study/campaigns/${encodeURIComponent(v)}`,
    (v: string) => `/api/study/attempts/${encodeURIComponent(v)}`,
    (v: string) => `/api/study/settings/${encodeURIComponent(v)}`,
  ];

  it("answer 4xx or 200 (never 500) and write nothing", async () => {
    await fc.assert(
      fc.asyncProperty(noise, fc.integer({ min: 0, max: urls.length - 1 }), async (value, i) => {
        const before = await snapshot();
        const url = urls[i]?.(value) ?? "/api/study/questions";
        const who = url.includes("/attempts/") ? w.member : w.secretary;
        const res = await app.inject({ method: "GET", url, headers: who.headers });
        expect(res.statusCode, `${url} ${res.body}`).toBeLessThan(500);
        expect(await snapshot()).toEqual(before);
      }),
      { numRuns: 120 },
    );
  });
});
