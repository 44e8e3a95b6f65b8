import { PassThrough } from "node:stream";
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testContext } from "../../test/db.ts";
import { buildOrg, buildUser } from "../../test/factories.ts";
import { buildApp } from "../app.ts";
import { parseTrustProxy } from "./config.ts";
import type { AppContext } from "./context.ts";
import { requestIdFor } from "./request-id.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let ctx: AppContext;
let app: FastifyInstance;
let behindProxy: FastifyInstance;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  ctx = await testContext();
  const stream = new PassThrough();
  stream.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) {
      lines.push(JSON.parse(line));
    }
  });
  app = await buildApp(ctx, { logger: true, logStream: stream });
  // A route that fails the way a bug does, to see what an operator is left with.
  app.get("/api/test-failure", { config: { access: "public" } }, async () => {
    throw new Error("无法连接到统计服务");
  });
  await app.ready();
  behindProxy = await buildApp({ ...ctx, config: { ...ctx.config, trustProxy: ["127.0.0.1"] } });
  await behindProxy.ready();
});

afterAll(async () => {
  await app.close();
  await behindProxy.close();
});

describe("request ids", () => {
  it("gives each request its own UUID, in the response header and the log", async () => {
    const a = await app.inject({ method: "GET", url: "/api/health" });
    const b = await app.inject({ method: "GET", url: "/api/health" });
    expect(a.headers["x-request-id"]).toMatch(UUID);
    expect(b.headers["x-request-id"]).toMatch(UUID);
    expect(a.headers["x-request-id"]).not.toBe(b.headers["x-request-id"]);
    const logged = lines.filter((l) => l.requestId === a.headers["x-request-id"]);
    expect(logged).toMatchObject([{ msg: "request completed", res: { statusCode: 200 } }]);
  });

  it("keeps a caller's well-formed X-Request-Id and replaces a malformed one", async () => {
    const kept = await app.inject({
      method: "GET",
      url: "/api/health",
      headers: { "x-request-id": "gw-20261201-000417" },
    });
    expect(kept.headers["x-request-id"]).toBe("gw-20261201-000417");
    for (const bad of ['{"admin":true}', "a\tb-forged-line-0001", "x".repeat(200), "short"]) {
      const res = await app.inject({
        method: "GET",
        url: "/api/health",
        headers: { "x-request-id": bad },
      });
      expect(res.headers["x-request-id"]).toMatch(UUID);
    }
  });

  it("never lets a header through that is not short and plain", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 120 }), (header) => {
        const id = requestIdFor(header);
        expect(id === header || UUID.test(id)).toBe(true);
        expect(id).toMatch(/^[A-Za-z0-9._:-]{8,64}$/);
      }),
      { numRuns: 500 },
    );
  });

  it("names the request in every error response and in the audit row it wrote", async () => {
    const org = await buildOrg(ctx.db, { name: "中共临川市委组织部机关党支部" });
    const user = await buildUser(ctx.db, { role: "member", at: org });
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "x-request-id": "lb-7f3a9c2e-login" },
      payload: { username: user.username, password: "Wrong-password-1" },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.requestId).toBe("lb-7f3a9c2e-login");
    const audit = await ctx.db.query(
      "SELECT action, request_id FROM audit_events WHERE request_id = $1",
      ["lb-7f3a9c2e-login"],
    );
    expect(audit.rows).toEqual([{ action: "auth.login_failed", request_id: "lb-7f3a9c2e-login" }]);

    const missing = await app.inject({ method: "GET", url: "/api/no-such-thing" });
    expect(missing.json().error.requestId).toBe(missing.headers["x-request-id"]);
  });

  it("logs every 500 with its stack and request id, and shows the caller only the id", async () => {
    const res = await app.inject({ method: "GET", url: "/api/test-failure" });
    expect(res.statusCode).toBe(500);
    const id = res.headers["x-request-id"];
    expect(res.json().error).toMatchObject({ code: "internal", requestId: id });
    expect(res.body).not.toContain("统计服务");
    const logged = lines.find((l) => l.requestId === id && l.level === 50) as {
      err: { message: string; stack: string };
    };
    expect(logged.err.message).toBe("无法连接到统计服务");
    expect(logged.err.stack).toContain("logging.test.ts");
  });

  it("logs the path without the query string or any header", async () => {
    const res = await app.inject({
      method: "GET",
      url: "/api/members?q=110101199003077777",
      headers: { cookie: "wg_session=secret-session-token" },
    });
    const text = JSON.stringify(lines.filter((l) => l.requestId === res.headers["x-request-id"]));
    expect(text).toContain('"path":"/api/members"');
    expect(text).not.toContain("110101199003077777");
    expect(text).not.toContain("secret-session-token");
  });
});

describe("TRUST_PROXY", () => {
  it("ignores forwarded headers by default", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      remoteAddress: "127.0.0.1",
      headers: { "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https" },
      payload: { username: "nobody_here", password: "Whatever-2024" },
    });
    const row = await ctx.db.query("SELECT ip FROM audit_events WHERE request_id = $1", [
      res.headers["x-request-id"],
    ]);
    expect(row.rows[0]?.ip).toBe("127.0.0.1");
  });

  it("behind a trusted proxy records the client's address and sets the Secure cookie", async () => {
    const org = await buildOrg(ctx.db, { name: "中共临川市委宣传部机关党支部" });
    const user = await buildUser(ctx.db, { role: "member", at: org });
    const res = await behindProxy.inject({
      method: "POST",
      url: "/api/auth/login",
      remoteAddress: "127.0.0.1",
      headers: { "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https" },
      payload: { username: user.username, password: user.password },
    });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === "wg_session")?.secure).toBe(true);
    const row = await ctx.db.query("SELECT ip FROM audit_events WHERE request_id = $1", [
      res.headers["x-request-id"],
    ]);
    expect(row.rows[0]?.ip).toBe("203.0.113.9");
  });

  it("parses false, true, hop counts and address lists, and refuses anything else", () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy("false")).toBe(false);
    expect(parseTrustProxy("true")).toBe(true);
    expect(parseTrustProxy("2")).toBe(2);
    expect(parseTrustProxy("10.0.0.0/8, 192.168.1.5,::1")).toEqual([
      "10.0.0.0/8",
      "192.168.1.5",
      "::1",
    ]);
    for (const bad of ["yes", "10.0.0.0/33", "10.0.0/8", "nginx"]) {
      expect(() => parseTrustProxy(bad)).toThrow(/TRUST_PROXY/);
    }
  });
});
