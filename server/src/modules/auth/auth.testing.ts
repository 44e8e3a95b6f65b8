// Helpers shared by the auth and users tests (not a test file itself).

import fc from "fast-check";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import * as OTPAuth from "otpauth";
import { expect } from "vitest";
import { expectClientError, sendJson, shapedBodies } from "../../../test/fuzz.ts";
import { SESSION_COOKIE } from "../../platform/auth/sessions.ts";
import type { Db } from "../../platform/db/pool.ts";

export interface Browser {
  res: LightMyRequestResponse;
  /** Cookie and CSRF headers for the next requests, when sign-in started a session. */
  headers: Record<string, string>;
  stage: string | undefined;
}

export async function loginAs(
  app: FastifyInstance,
  username: string,
  password: string,
  extra: Record<string, string> = {},
  /** The client's address: sign-in delays count per address. */
  remoteAddress = "127.0.0.1",
): Promise<Browser> {
  const res = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username, password },
    headers: extra,
    remoteAddress,
  });
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  const body = res.json() as { csrfToken?: string; stage?: string };
  return {
    res,
    stage: body.stage,
    headers:
      cookie && body.csrfToken
        ? { cookie: `${SESSION_COOKIE}=${cookie.value}`, "x-csrf-token": body.csrfToken }
        : {},
  };
}

export function totpOf(secret: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 });
}

/** A valid code for the next time step, so it is not refused as a replay of this one. */
export function nextCode(secret: string): string {
  return totpOf(secret).generate({ timestamp: Date.now() + 30_000 });
}

export async function auditRows(db: Db, action: string, entityId?: number | string) {
  const result = await db.query<{
    actor_user_id: number | null;
    actor_label: string;
    entity_id: string | null;
    org_path: string | null;
    before: unknown;
    after: Record<string, unknown> | null;
  }>(
    `SELECT actor_user_id, actor_label, entity_id, org_path::text AS org_path, before, after
       FROM audit_events WHERE action = $1 AND ($2::text IS NULL OR entity_id = $2) ORDER BY id`,
    [action, entityId == null ? null : String(entityId)],
  );
  return result.rows;
}

export function expectError(res: LightMyRequestResponse, status: number, code?: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json() as { error: { code: string; message: string } };
  expect(body.error.message.length).toBeGreaterThan(0);
  if (code) expect(body.error.code).toBe(code);
  return body.error;
}

/** Arbitrary JSON bodies, plus objects carrying the route's own field names with junk values. */
function junkFields(fields: string[]) {
  const junkValue = fc.oneof(
    fc.anything(),
    fc.string({ unit: "binary" }),
    fc.integer(),
    fc.double(),
    fc.constantFrom("", "\u0000", "2024-02-30", "0000-01-01", "-1", "1e400", "💥".repeat(300)),
  );
  return shapedBodies(fields, junkValue, { maxKeys: 5 });
}

/**
 * Sends random bodies to a route: the answer is always a client error in the standard shape,
 * never a 500. `allowSuccess` for routes where junk can by chance be valid input.
 */
export async function fuzzRoute(
  app: FastifyInstance,
  route: { method: "POST" | "GET"; url: string; headers: Record<string, string> },
  fields: string[],
  options: { runs?: number; allowSuccess?: boolean } = {},
) {
  await fc.assert(
    fc.asyncProperty(junkFields(fields), async (body) => {
      const res = await sendJson(app, route, body);
      const what = `${route.url} ${JSON.stringify(body)} -> ${res.statusCode} ${res.body}`;
      expect(res.statusCode, what).toBeLessThan(500);
      if (res.statusCode < 400 && options.allowSuccess) return;
      expectClientError(res, what);
      expect((res.json() as { error?: { code?: string } }).error?.code, what).toBeTruthy();
    }),
    { numRuns: options.runs ?? 60 },
  );
}
