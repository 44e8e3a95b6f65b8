/**
 * The inputs that answered 500: a NUL in search and filter parameters, a lone surrogate in
 * org, meeting and member names. Each is now a 400 naming the field, and nothing is written.
 */
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../test/app.ts";
import { tableSnapshot } from "../../test/fuzz.ts";
import { memberInput } from "../modules/members/members.fixtures.ts";
import { call } from "../modules/orgs/orgs.fixtures.ts";
import { reviewTree } from "../modules/review/review.fixtures.ts";
import type { AppContext } from "./context.ts";
import { unstorable } from "./input-guard.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: Awaited<ReturnType<typeof reviewTree>>;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await reviewTree(ctx, "字符");
});

const TABLES = ["orgs", "members", "review_meetings", "audit_events"];

describe("text that cannot be stored", () => {
  it("tells a NUL and a lone surrogate from real text, emoji and CJK included", () => {
    expect(unstorable("幸福社区党支部")).toBe(false);
    expect(unstorable("学习强国🇨🇳𠮷")).toBe(false);
    expect(unstorable("a\u0000b")).toBe(true);
    expect(unstorable("党\uD800支部")).toBe(true);
    expect(unstorable("\uDC00")).toBe(true);
  });

  it.each([
    ["GET", "/api/members?name=%00", "name"],
    ["GET", "/api/orgs/search?q=%E5%85%9A%00", "q"],
    ["GET", "/api/review/meetings?q=%00", "q"],
    ["GET", "/api/study/questions?q=a%00b", "q"],
    ["GET", "/api/audit-events?action=%00", "action"],
  ] as const)("%s %s is a 400 naming %s", async (method, url, field) => {
    const res = await call(app, t.secretary, method, url);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: "unstorable_text", field });
  });

  it.each([
    [
      "an org name",
      "POST",
      "/api/orgs",
      () => ({ parentId: t.town.id, kind: "branch", name: "第\uD800党支部" }),
      "name",
    ],
    [
      "a renamed org",
      "PATCH",
      () => `/api/orgs/${t.branch.id}`,
      () => ({ name: "支部\uDFFF" }),
      "name",
    ],
    [
      "a member name",
      "POST",
      "/api/members",
      () => memberInput(t.branch.id, { name: "王\uD83D" }),
      "name",
    ],
    [
      "a meeting topic",
      "POST",
      "/api/review/meetings",
      () => ({
        kind: "branch_life",
        orgId: t.branch.id,
        heldOn: "2025-01-10",
        topic: "组织生活会\u0000",
        location: "党员活动室",
        rectifyBy: "2025-03-31",
      }),
      "topic",
    ],
  ] as const)(
    "%s with a broken character is a 400 and writes nothing",
    async (_what, method, url, body, field) => {
      const before = await tableSnapshot(ctx.db, TABLES);
      const res = await app.inject({
        method,
        url: typeof url === "function" ? url() : url,
        headers: { ...t.secretary.headers, "content-type": "application/json" },
        payload: JSON.stringify(body()),
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toMatchObject({ code: "unstorable_text", field });
      expect(await tableSnapshot(ctx.db, TABLES)).toEqual(before);
    },
  );
});
