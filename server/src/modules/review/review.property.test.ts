import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import type { ZodType } from "zod";
import { testApp } from "../../../test/app.ts";
import {
  expectClientError,
  junkBodies,
  noise,
  sendJson,
  tableSnapshot,
} from "../../../test/fuzz.ts";
import type { AppContext } from "../../platform/context.ts";
import { auditCount, type Caller, call } from "../orgs/orgs.fixtures.ts";
import {
  DecisionBody,
  DecryptionBody,
  OpenRoundBody,
  RoundListQuery,
  SummaryBody,
  TrusteeKeyBody,
  TrusteesBody,
  VoteBody,
} from "./evaluation/evaluation.schemas.ts";
import {
  AttendanceBody,
  CreateMeetingBody,
  CriticismBody,
  MeetingListQuery,
  UpdateMeetingBody,
} from "./meetings/meetings.schemas.ts";
import { OversightQuery } from "./oversight/oversight.routes.ts";
import {
  CompleteRectificationBody,
  RectificationQuery,
  UpdateRectificationBody,
} from "./rectification/rectification.schemas.ts";
import { type ReviewTree, reviewTree, scheduleMeeting, selfReviewOf } from "./review.fixtures.ts";
import { DraftBody, ReturnBody } from "./self-review/self-review.schemas.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: ReviewTree;
let meetingId: number;
let selfReviewId: number;
let roundId: number;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await reviewTree(ctx);
  const meeting = await scheduleMeeting(app, t.branchSecretary, t.branch.id);
  meetingId = meeting.id;
  selfReviewId = selfReviewOf(meeting, t.liu.id);
  roundId = (
    await call(app, t.branchSecretary, "POST", "/api/review/rounds", {
      orgId: t.branch.id,
      year: 2024,
    })
  ).json().id;
});

/** Every review table's content and the audit count: a refused request changes none. */
async function snapshot() {
  const tables = [
    "review_meetings",
    "review_attendees",
    "self_reviews",
    "self_review_items",
    "review_criticisms",
    "rectification_items",
    "evaluation_rounds",
    "evaluation_subjects",
    "evaluation_participation",
    "evaluation_ballots",
    "evaluation_trustees",
    "evaluation_sealed_ballots",
  ];
  return { sums: await tableSnapshot(ctx.db, tables), audit: await auditCount(ctx) };
}

const HEX = "0".repeat(64);
/** A ballot of the right shape; its proofs need not hold for bodies the schema refuses. */
const shapedBallot = () => ({
  choices: Array.from({ length: 4 }, () => ({
    a: HEX,
    b: HEX,
    proof: { c0: HEX, v0: HEX, c1: HEX, v1: HEX },
  })),
  sumProof: { c: HEX, v: HEX },
});

/** Near-misses for review fields: dates, grades, empty containers. */
const reviewNoise = noise(
  "",
  " ",
  null,
  -1,
  0,
  1e21,
  "2024-02-30",
  "outstanding",
  "优秀",
  "\u0000",
  true,
  [],
  {},
);

const writes: {
  name: string;
  method: "POST" | "PATCH" | "PUT";
  url: () => string;
  who: () => Caller;
  schema: ZodType;
  valid: () => Record<string, unknown>;
}[] = [
  {
    name: "schedule",
    method: "POST",
    url: () => "/api/review/meetings",
    who: () => t.branchSecretary,
    schema: CreateMeetingBody,
    valid: () => ({
      kind: "branch_life",
      orgId: t.branch.id,
      heldOn: "2025-06-01",
      topic: "专题",
      rectifyBy: "2025-09-01",
    }),
  },
  {
    name: "edit meeting",
    method: "PATCH",
    url: () => `/api/review/meetings/${meetingId}`,
    who: () => t.branchSecretary,
    schema: UpdateMeetingBody,
    valid: () => ({ topic: "新主题", minutes: "记录" }),
  },
  {
    name: "attendance",
    method: "PUT",
    url: () => `/api/review/meetings/${meetingId}/attendance`,
    who: () => t.branchSecretary,
    schema: AttendanceBody,
    valid: () => ({ entries: [{ memberId: t.liu.id, present: false, absenceReason: "病假" }] }),
  },
  {
    name: "criticism",
    method: "POST",
    url: () => `/api/review/meetings/${meetingId}/criticisms`,
    who: () => t.branchSecretary,
    schema: CriticismBody,
    valid: () => ({ fromMemberId: t.liu.id, toMemberId: t.chen.id, criticism: "意见" }),
  },
  {
    name: "draft",
    method: "PUT",
    url: () => `/api/review/self-reviews/${selfReviewId}/draft`,
    who: () => t.liuCaller,
    schema: DraftBody,
    valid: () => ({ overview: "概述", items: [{ seq: 1, answer: "meets" }] }),
  },
  {
    name: "return",
    method: "POST",
    url: () => `/api/review/self-reviews/${selfReviewId}/return`,
    who: () => t.branchSecretary,
    schema: ReturnBody,
    valid: () => ({ comment: "请补充" }),
  },
  {
    name: "edit rectification",
    method: "PATCH",
    url: () => "/api/review/rectifications/1",
    who: () => t.branchSecretary,
    schema: UpdateRectificationBody,
    valid: () => ({ dueOn: "2025-04-01", measure: "措施" }),
  },
  {
    name: "complete rectification",
    method: "POST",
    url: () => "/api/review/rectifications/1/complete",
    who: () => t.liuCaller,
    schema: CompleteRectificationBody,
    valid: () => ({ evidence: "已整改" }),
  },
  {
    name: "open round",
    method: "POST",
    url: () => "/api/review/rounds",
    who: () => t.branchSecretary,
    schema: OpenRoundBody,
    valid: () => ({ orgId: t.branch.id, year: 2031 }),
  },
  {
    name: "summary",
    method: "PUT",
    url: () => `/api/review/rounds/${roundId}/summary`,
    who: () => t.liuCaller,
    schema: SummaryBody,
    valid: () => ({ summary: "总结", suggestedGrade: "competent" }),
  },
  {
    name: "vote",
    method: "POST",
    url: () => `/api/review/rounds/${roundId}/votes`,
    who: () => t.liuCaller,
    schema: VoteBody,
    valid: () => ({ memberId: t.chen.id, ballot: shapedBallot() }),
  },
  {
    name: "trustees",
    method: "POST",
    url: () => `/api/review/rounds/${roundId}/trustees`,
    who: () => t.branchSecretary,
    schema: TrusteesBody,
    valid: () => ({ memberIds: [t.cadre.id, t.chen.id] }),
  },
  {
    name: "trustee key",
    method: "POST",
    url: () => `/api/review/rounds/${roundId}/trustee-key`,
    who: () => t.chenCaller,
    schema: TrusteeKeyBody,
    valid: () => ({ publicKey: HEX, proof: { c: HEX, v: HEX } }),
  },
  {
    name: "decryption",
    method: "POST",
    url: () => `/api/review/rounds/${roundId}/decryption`,
    who: () => t.chenCaller,
    schema: DecryptionBody,
    valid: () => ({
      shares: [{ memberId: t.liu.id, grade: "competent", d: HEX, proof: { c: HEX, v: HEX } }],
    }),
  },
  {
    name: "decide",
    method: "POST",
    url: () => `/api/review/rounds/${roundId}/decisions`,
    who: () => t.branchSecretary,
    schema: DecisionBody,
    valid: () => ({ memberId: t.liu.id, grade: "incompetent", reason: "理由" }),
  },
];

describe.each(writes)("random bodies for $name", (w) => {
  it("get a 4xx naming the problem and write nothing", async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(junkBodies(w.valid, reviewNoise), async (body) => {
        fc.pre(!w.schema.safeParse(body).success);
        const res = await sendJson(
          app,
          { method: w.method, url: w.url(), headers: w.who().headers },
          body,
        );
        expectClientError(res);
        expect(res.json().error.message).toBeTruthy();
      }),
      { numRuns: 60 },
    );
    expect(await snapshot()).toEqual(before);
  });
});

const queries: {
  url: string;
  schema: { shape: object; safeParse: (v: unknown) => { success: boolean } };
}[] = [
  { url: "/api/review/meetings", schema: MeetingListQuery },
  { url: "/api/review/rectifications", schema: RectificationQuery },
  { url: "/api/review/rounds", schema: RoundListQuery },
  { url: "/api/review/oversight", schema: OversightQuery },
];

describe.each(queries)("random queries of $url", (q) => {
  it("are answered when the schema accepts them and 400 otherwise, never 500", async () => {
    const keys = Object.keys(q.schema.shape);
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom(...keys, "x"),
          fc.oneof(fc.string(), fc.constantFrom("1", "0", "2025", "open", "overdue", "true", "%")),
        ),
        async (params) => {
          const qs = new URLSearchParams(params).toString();
          const res = await call(app, t.secretary, "GET", `${q.url}?${qs}`);
          // The town secretary has no member record, so asking for their own items ("mine")
          // is a clear 403 rather than an answer.
          const allowed = params.mine === "true" ? [403] : [200, 404];
          if (q.schema.safeParse(params).success) expect(allowed).toContain(res.statusCode);
          else expect(res.statusCode, `${qs} → ${res.body}`).toBe(400);
        },
      ),
      { numRuns: 60 },
    );
  });
});
