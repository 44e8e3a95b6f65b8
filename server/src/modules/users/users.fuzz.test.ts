import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import type { AppContext } from "../../platform/context.ts";
import { fuzzRoute } from "../auth/auth.testing.ts";
import { buildCityTree, type CityTree } from "./users.testing.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: CityTree;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await buildCityTree(ctx);
});

const MISSING = 987_654_321;

describe("users routes under random input", () => {
  it("POST /api/users never fails with a 500 (junk can by chance be a valid account)", async () => {
    await fuzzRoute(
      app,
      { method: "POST", url: "/api/users", headers: t.adminA.headers },
      ["username", "displayName", "orgId", "memberId", "role"],
      { allowSuccess: true },
    );
  });

  it("account actions on a missing account are 4xx whatever the body", async () => {
    for (const action of ["disable", "enable", "reset-password"]) {
      const url = `/api/users/${MISSING}/${action}`;
      await fuzzRoute(app, { method: "POST", url, headers: t.adminA.headers }, [], { runs: 30 });
    }
  });

  it("POST /api/users/:id/grants", async () => {
    await fuzzRoute(
      app,
      { method: "POST", url: `/api/users/${t.member.id}/grants`, headers: t.adminB.headers },
      ["role", "orgId", "startsOn", "endsOn"],
    );
  });

  it("POST /api/users/:id/grants/:grantId/end", async () => {
    const url = `/api/users/${t.member.id}/grants/${MISSING}/end`;
    await fuzzRoute(app, { method: "POST", url, headers: t.adminA.headers }, ["endsOn"]);
  });

  it("random path ids and query strings never give a 500 or another county's data", async () => {
    const segment = fc.oneof(
      fc.string(),
      fc.integer().map(String),
      fc.constantFrom("0", "-1", "1.5", "9".repeat(30), "1e308", "NaN", "%00"),
    );
    await fc.assert(
      fc.asyncProperty(
        segment,
        segment,
        fc.dictionary(fc.constantFrom("page", "pageSize", "q"), segment),
        async (id, grantId, query) => {
          const enc = encodeURIComponent;
          const qs = new URLSearchParams(query).toString();
          for (const [method, url] of [
            ["GET", `/api/users/${enc(id)}`],
            ["GET", `/api/users/${enc(id)}/grants`],
            ["POST", `/api/users/${enc(id)}/grants/${enc(grantId)}/end`],
            ["GET", `/api/users?${qs}`],
          ] as const) {
            const res = await app.inject({ method, url, headers: t.adminB.headers });
            const what = `${method} ${url} -> ${res.statusCode} ${res.body}`;
            expect(res.statusCode, what).toBeLessThan(500);
            // Whatever county B's administrator can read lies inside county B.
            if (res.statusCode === 200 && url.includes("/grants")) {
              for (const g of res.json().items as { orgPath: string }[]) {
                expect(`${g.orgPath}.`.startsWith(`${t.countyB.path}.`), what).toBe(true);
              }
            }
          }
        },
      ),
      { numRuns: 80 },
    );
  });
});
