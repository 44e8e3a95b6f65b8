import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import type { AppContext } from "../../platform/context.ts";
import { anonymous, auditCount, type Caller } from "../orgs/orgs.fixtures.ts";
import { type ReviewTree, reviewTree, scheduleMeeting, selfReviewOf } from "./review.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: ReviewTree;
let meetingId: number;
let selfReviewId: number;
let roundId: number;
let itemId: number;
const HEX = "0".repeat(64);

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await reviewTree(ctx);
  const meeting = await scheduleMeeting(app, t.branchSecretary, t.branch.id);
  meetingId = meeting.id;
  selfReviewId = selfReviewOf(meeting, t.liu.id);
  const round = await send(t.branchSecretary, {
    method: "POST",
    url: "/api/review/rounds",
    body: { orgId: t.branch.id, year: 2024 },
  });
  roundId = round.json().id;
  const item = await ctx.db.query<{ id: number }>(
    `INSERT INTO rectification_items (meeting_id, self_review_id, item_seq, org_path, org_id,
       owner_member_id, owner_name, problem, measure, due_on)
     VALUES ($1, $2, 1, $3::ltree, $5, $4, '刘红梅', '问题', '措施', '2025-03-01') RETURNING id`,
    [meetingId, selfReviewId, t.branch.path, t.liu.id, t.branch.id],
  );
  itemId = Number(item.rows[0]?.id);
});

interface Route {
  name: string;
  method: "GET" | "POST" | "PATCH" | "PUT";
  url: () => string;
  body?: () => unknown;
  /** What a member-role user gets: 403 for organization routes, 404 for others' records. */
  member: 200 | 403 | 404;
  /** What the sibling town's secretary gets: 404 (403 where a member record is needed), or
   * 200 with a list that holds none of this town's records. */
  sibling: 403 | 404 | "empty";
}

const routes: Route[] = [
  {
    name: "list meetings",
    method: "GET",
    url: () => "/api/review/meetings",
    member: 403,
    sibling: "empty",
  },
  {
    name: "schedule",
    method: "POST",
    url: () => "/api/review/meetings",
    body: () => ({
      kind: "branch_life",
      orgId: t.branch.id,
      heldOn: "2025-06-01",
      topic: "专题",
      rectifyBy: "2025-09-01",
    }),
    member: 403,
    sibling: 404,
  },
  {
    name: "meeting",
    method: "GET",
    url: () => `/api/review/meetings/${meetingId}`,
    member: 403,
    sibling: 404,
  },
  {
    name: "edit meeting",
    method: "PATCH",
    url: () => `/api/review/meetings/${meetingId}`,
    body: () => ({ minutes: "会议记录" }),
    member: 403,
    sibling: 404,
  },
  {
    name: "attendance",
    method: "PUT",
    url: () => `/api/review/meetings/${meetingId}/attendance`,
    body: () => ({ entries: [{ memberId: t.liu.id, present: true }] }),
    member: 403,
    sibling: 404,
  },
  {
    name: "criticism",
    method: "POST",
    url: () => `/api/review/meetings/${meetingId}/criticisms`,
    body: () => ({ fromMemberId: t.liu.id, toMemberId: t.chen.id, criticism: "意见" }),
    member: 403,
    sibling: 404,
  },
  {
    name: "record.docx",
    method: "GET",
    url: () => `/api/review/meetings/${meetingId}/record.docx`,
    member: 403,
    sibling: 404,
  },
  {
    name: "self-review",
    method: "GET",
    url: () => `/api/review/self-reviews/${selfReviewId}`,
    member: 404,
    sibling: 404,
  },
  {
    name: "draft",
    method: "PUT",
    url: () => `/api/review/self-reviews/${selfReviewId}/draft`,
    body: () => ({ items: [] }),
    member: 404,
    sibling: 403,
  },
  {
    name: "submit",
    method: "POST",
    url: () => `/api/review/self-reviews/${selfReviewId}/submit`,
    member: 404,
    sibling: 403,
  },
  {
    name: "return",
    method: "POST",
    url: () => `/api/review/self-reviews/${selfReviewId}/return`,
    body: () => ({ comment: "请补充" }),
    member: 403,
    sibling: 404,
  },
  {
    name: "material.docx",
    method: "GET",
    url: () => `/api/review/self-reviews/${selfReviewId}/material.docx`,
    member: 404,
    sibling: 404,
  },
  {
    name: "rectifications",
    method: "GET",
    url: () => "/api/review/rectifications",
    member: 403,
    sibling: "empty",
  },
  {
    name: "edit rectification",
    method: "PATCH",
    url: () => `/api/review/rectifications/${itemId}`,
    body: () => ({ dueOn: "2025-04-01" }),
    member: 403,
    sibling: 404,
  },
  {
    name: "complete rectification",
    method: "POST",
    url: () => `/api/review/rectifications/${itemId}/complete`,
    body: () => ({ evidence: "已整改" }),
    member: 404,
    sibling: 404,
  },
  {
    name: "add rectification",
    method: "POST",
    url: () => "/api/review/rectifications",
    body: () => ({
      orgId: t.branch.id,
      source: "higher_feedback",
      ownerMemberId: t.liu.id,
      problem: "镇党委反馈：网络学习参与不够",
      measure: "每周登录学习不少于三次",
      dueOn: "2099-06-30",
    }),
    member: 403,
    sibling: 404,
  },
  {
    name: "close rectification (销号)",
    method: "POST",
    url: () => `/api/review/rectifications/${itemId}/close`,
    body: () => ({}),
    member: 403,
    sibling: 404,
  },
  {
    name: "return rectification",
    method: "POST",
    url: () => `/api/review/rectifications/${itemId}/return`,
    body: () => ({ comment: "佐证不足" }),
    member: 403,
    sibling: 404,
  },
  {
    name: "rectification ledger",
    method: "GET",
    url: () => `/api/review/rectifications/ledger.xlsx?orgId=${t.branch.id}`,
    member: 403,
    sibling: 404,
  },
  {
    name: "open round",
    method: "POST",
    url: () => "/api/review/rounds",
    body: () => ({ orgId: t.branch.id, year: 2030 }),
    member: 403,
    sibling: 404,
  },
  {
    name: "round",
    method: "GET",
    url: () => `/api/review/rounds/${roundId}`,
    member: 200,
    sibling: 404,
  },
  {
    name: "close round",
    method: "POST",
    url: () => `/api/review/rounds/${roundId}/close`,
    member: 403,
    sibling: 404,
  },
  {
    name: "decide",
    method: "POST",
    url: () => `/api/review/rounds/${roundId}/decisions`,
    body: () => ({ memberId: t.liu.id, grade: "competent" }),
    member: 403,
    sibling: 404,
  },
  {
    name: "decide the rest",
    method: "POST",
    url: () => `/api/review/rounds/${roundId}/decisions/rest`,
    body: () => ({ grade: "competent", expected: 5 }),
    member: 403,
    sibling: 404,
  },
  {
    name: "trustees",
    method: "POST",
    url: () => `/api/review/rounds/${roundId}/trustees`,
    body: () => ({ memberIds: [t.cadre.id, t.chen.id] }),
    member: 403,
    sibling: 404,
  },
  {
    name: "trustee key",
    method: "POST",
    url: () => `/api/review/rounds/${roundId}/trustee-key`,
    body: () => ({ publicKey: HEX, proof: { c: HEX, v: HEX } }),
    // 王建国 is evaluated in the round but is not one of its trustees.
    member: 403,
    sibling: 403,
  },
  {
    name: "decryption",
    method: "POST",
    url: () => `/api/review/rounds/${roundId}/decryption`,
    body: () => ({
      shares: [{ memberId: t.liu.id, grade: "competent", d: HEX, proof: { c: HEX, v: HEX } }],
    }),
    member: 403,
    sibling: 403,
  },
  {
    name: "restart round",
    method: "POST",
    url: () => `/api/review/rounds/${roundId}/restart`,
    member: 403,
    sibling: 404,
  },
  {
    name: "published ballots",
    method: "GET",
    url: () => `/api/review/rounds/${roundId}/ballots`,
    member: 200,
    sibling: 404,
  },
  {
    name: "results.xlsx",
    method: "GET",
    url: () => `/api/review/rounds/${roundId}/results.xlsx`,
    member: 404,
    sibling: 404,
  },
  {
    name: "results.docx",
    method: "GET",
    url: () => `/api/review/rounds/${roundId}/results.docx`,
    member: 404,
    sibling: 404,
  },
  {
    name: "oversight",
    method: "GET",
    url: () => "/api/review/oversight?year=2025",
    member: 403,
    sibling: "empty",
  },
  {
    name: "oversight by org",
    method: "GET",
    url: () => `/api/review/oversight?year=2025&orgId=${t.town.id}`,
    member: 403,
    sibling: 404,
  },
];

function send(who: Caller, r: { method: string; url: string; body?: unknown }) {
  return app.inject({
    method: r.method as "GET",
    url: r.url,
    headers: { ...who.headers, "accept-language": "zh-CN" },
    ...(r.body === undefined ? {} : { payload: r.body as object }),
  });
}
const hit = (who: Caller, r: Route) =>
  send(who, { method: r.method, url: r.url(), body: r.body?.() });

describe.each(routes)("$method $name", (r) => {
  it("is 401 without a session", async () => {
    expect((await hit(anonymous, r)).statusCode).toBe(401);
  });

  it("refuses a member who is not the author (a fellow member only reads the round)", async () => {
    const before = await auditCount(ctx);
    // 王建国 is a member of the same branch: he may not run meetings nor read others' material.
    expect((await hit(t.member, r)).statusCode).toBe(r.member);
    expect(await auditCount(ctx)).toBe(before);
  });

  it("shows the sibling town nothing and lets it change nothing", async () => {
    const before = await auditCount(ctx);
    for (const who of [t.siblingSecretary, t.siblingDiscipline]) {
      const res = await hit(who, r);
      if (r.sibling === "empty") {
        expect(res.statusCode, res.body).toBe(200);
        const ours = res
          .json()
          .items.filter(
            (i: { id?: number; orgId?: number }) =>
              i.id === meetingId || i.id === itemId || i.orgId === t.branch.id,
          );
        expect(ours).toEqual([]);
      } else if (who === t.siblingSecretary) {
        expect(res.statusCode, res.body).toBe(r.sibling);
      } else {
        expect([403, 404], res.body).toContain(res.statusCode);
      }
    }
    expect(await auditCount(ctx)).toBe(before);
  });
});

describe("the committee above", () => {
  it("oversees the branch: its meeting, its self-review counts and its open items", async () => {
    const res = await send(t.discipline, { method: "GET", url: "/api/review/oversight?year=2025" });
    const row = res.json().items.find((i: { orgId: number }) => i.orgId === t.branch.id);
    expect(row).toMatchObject({
      meetings: 1,
      lastMeetingOn: "2025-01-10",
      selfReviews: 5,
      submitted: 0,
      rectificationsOpen: 1,
    });
    const xlsx = await send(t.discipline, {
      method: "GET",
      url: "/api/review/oversight.xlsx?year=2025",
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
  });
});
