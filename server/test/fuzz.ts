// Helpers for the property (fuzz) tests of the routes: junk request bodies, the client-error
// check, and a snapshot of tables to prove that a refused request wrote nothing.

import fc from "fast-check";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import type { Db } from "../src/platform/db/pool.ts";

/** Noise for one field: any JSON value, any string, or one of the route's own near-misses. */
export function noise(...nearMisses: unknown[]): fc.Arbitrary<unknown> {
  return fc.oneof(fc.jsonValue(), fc.string(), fc.constantFrom(...nearMisses));
}

/**
 * Bodies that look like the real thing with one to three fields replaced by noise (or added:
 * "extra" and `extraKeys`), and plain JSON: so the check of each field is reached, not just
 * "not an object".
 */
export function junkBodies(
  valid: () => Record<string, unknown>,
  noise: fc.Arbitrary<unknown>,
  options: { extraKeys?: string[] } = {},
) {
  const keys = [...Object.keys(valid()), ...(options.extraKeys ?? []), "extra"];
  const mutated = fc
    .tuple(
      fc.uniqueArray(fc.constantFrom(...keys), { minLength: 1, maxLength: 3 }),
      fc.array(noise, { minLength: 3, maxLength: 3 }),
    )
    .map(([replaced, values]) => {
      const body = valid();
      replaced.forEach((k, i) => {
        body[k] = values[i];
      });
      return body;
    });
  return fc.oneof(fc.jsonValue(), mutated);
}

/** Plain JSON, and objects made of the route's own field names (and "extra") with junk values. */
export function shapedBodies(
  fields: string[],
  value: fc.Arbitrary<unknown>,
  options: { maxKeys?: number } = {},
) {
  const shaped = fc.dictionary(fc.constantFrom(...fields, "extra"), value, options);
  return fc.oneof(fc.jsonValue(), shaped);
}

/** Sends `body` as a JSON request, whatever it is. */
export function sendJson(
  app: FastifyInstance,
  route: { method: "GET" | "POST" | "PATCH" | "PUT"; url: string; headers: Record<string, string> },
  body: unknown,
) {
  return app.inject({
    method: route.method,
    url: route.url,
    headers: { ...route.headers, "content-type": "application/json" },
    payload: JSON.stringify(body),
  });
}

/** A 4xx: the request was refused as the caller's fault, not a crash. */
export function expectClientError(res: LightMyRequestResponse, what: string = res.body) {
  expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, what).toBeLessThan(500);
}

/** A hash of each table's whole content, in a stable order: equal snapshots, unchanged tables. */
export async function tableSnapshot(db: Db, tables: string[]): Promise<Record<string, string>> {
  const hashes = await Promise.all(
    tables.map(async (table) => {
      const r = await db.query<{ h: string }>(
        `SELECT md5(coalesce(string_agg(to_jsonb(x)::text, ',' ORDER BY to_jsonb(x)::text), '')) AS h
           FROM ${table} x`,
      );
      return [table, r.rows[0]?.h ?? ""] as const;
    }),
  );
  return Object.fromEntries(hashes);
}
