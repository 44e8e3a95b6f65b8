import { describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";

const { app } = await testApp();

describe("GET /api/health", () => {
  it("reports the database and carries the server time of the response", async () => {
    const res = await app.inject({ method: "GET", url: "/api/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "ok", database: { ok: true } });
    expect(res.json().database.migrations).toBeGreaterThanOrEqual(5);
    const timing = /^app;dur=(\d+\.\d)$/.exec(String(res.headers["server-timing"]));
    expect(Number(timing?.[1])).toBeGreaterThan(0);
  });

  it("answers unknown API routes with 404 in the error shape, in the caller's language", async () => {
    const zh = await app.inject({ method: "GET", url: "/api/no-such-thing" });
    expect(zh.statusCode).toBe(404);
    expect(zh.json()).toEqual({
      error: {
        code: "route_not_found",
        message: "接口不存在：GET /api/no-such-thing",
        field: null,
        requestId: zh.headers["x-request-id"],
      },
    });
    const en = await app.inject({
      method: "GET",
      url: "/api/no-such-thing",
      headers: { "accept-language": "en-US,en;q=0.9" },
    });
    expect(en.json().error.message).toBe("No such endpoint: GET /api/no-such-thing");
  });

  it("answers a malformed JSON body with 400, not 500", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/json" },
      payload: "{not json",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain("JSON");
  });

  it("publishes the OpenAPI document", async () => {
    const res = await app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(
      expect.arrayContaining(["/api/health", "/api/members", "/api/regulations/search"]),
    );
  });
});
