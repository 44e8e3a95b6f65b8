/**
 * Every response carries the headers that keep a page from being framed, sniffed or cached:
 * API answers (personal data), errors and the sign-in route alike.
 */
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../test/app.ts";
import { call, countyTree } from "../modules/orgs/orgs.fixtures.ts";
import type { AppContext } from "./context.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: Awaited<ReturnType<typeof countyTree>>;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await countyTree(ctx, "头部");
});

describe("security headers", () => {
  it.each([
    ["a roster page", "/api/members", () => t.secretary],
    ["the caller's own record", "/api/members/me", () => t.member],
    ["a refusal", "/api/members", () => ({ headers: {} })],
    ["an unknown route", "/api/no-such-thing", () => t.secretary],
    ["the health check", "/api/health", () => ({ headers: {} })],
  ])("on %s", async (_what, url, who) => {
    const res = await call(app, who(), "GET", url);
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["cache-control"]).toBe("no-store");
  });

  it("sends HSTS only over TLS", async () => {
    const plain = await call(app, t.secretary, "GET", "/api/members/me");
    expect(plain.headers["strict-transport-security"]).toBeUndefined();
  });
});
