// Valid bodies through every write route of a module: bodies the zod schemas accept reach the
// use cases, which must answer without a 5xx and, when they refuse, write nothing. Issue 15:
// the older property tests sent only bodies their own schema refused.

import fc from "fast-check";
import type { FastifyInstance, RouteOptions } from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import type { ZodType } from "zod";
import { buildApp } from "../src/app.ts";
import type { AppContext } from "../src/platform/context.ts";
import type { Db } from "../src/platform/db/pool.ts";
import { testContext } from "./db.ts";
import { type Hints, validValues } from "./zod-arbitrary.ts";

export interface WriteRoute {
  method: "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  body?: ZodType;
  params?: ZodType;
  querystring?: ZodType;
}

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const isZod = (s: unknown): s is ZodType =>
  typeof s === "object" && s !== null && "safeParse" in s && "_zod" in s;

/** The real app on this file's own database, and every write route it mounted. */
export async function appWithWriteRoutes(): Promise<{
  app: FastifyInstance;
  ctx: AppContext;
  routes: WriteRoute[];
}> {
  const ctx = await testContext();
  const seen: RouteOptions[] = [];
  const app = await buildApp(ctx, { onRoute: (r) => seen.push(r) });
  await app.ready();
  afterAll(() => app.close());
  const routes = seen.flatMap((r) =>
    [r.method]
      .flat()
      .filter((m) => WRITES.has(m))
      .map((method) => {
        const schema = (r.schema ?? {}) as Record<string, unknown>;
        return {
          method: method as WriteRoute["method"],
          url: r.url,
          body: isZod(schema.body) ? schema.body : undefined,
          params: isZod(schema.params) ? schema.params : undefined,
          querystring: isZod(schema.querystring) ? schema.querystring : undefined,
        };
      }),
  );
  return { app, ctx, routes };
}

export const routeName = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

/**
 * Every table's content but the ones a request touches by itself (the session's last use, the
 * sign-in throttle), and the audit log's count but for `refusalAudits`, the refusals a module
 * records on purpose (an attempt to cheat leaves a trace): equal snapshots, nothing written.
 */
/**
 * Refusals the platform audits on purpose, whatever the module: a 401 or 403 on a guarded
 * route leaves an `access.refused` row, tested with the platform's audit.
 */
const PLATFORM_REFUSALS = ["access.refused"];

async function lastAudit(db: Db) {
  const r = await db.query<{ action: string }>(
    "SELECT action FROM audit_events ORDER BY id DESC LIMIT 3",
  );
  return `(latest audit rows: ${r.rows.map((x) => x.action).join(", ")})`;
}

export async function databaseSnapshot(
  db: Db,
  refusalAudits: string[] = [],
): Promise<Record<string, string>> {
  const tables = await db.query<{ t: string }>(
    `SELECT table_name AS t FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
        AND table_name NOT IN ('sessions', 'sign_in_throttle', 'auth_epoch', 'system_state',
                               'audit_chain_head', 'audit_events', 'schema_migrations')
      ORDER BY 1`,
  );
  const parts = tables.rows.map(
    (r) =>
      `SELECT '${r.t}' AS t, md5(coalesce(string_agg(to_jsonb(x)::text, ',' ORDER BY to_jsonb(x)::text), '')) AS h FROM "${r.t}" x`,
  );
  parts.push(
    "SELECT 'audit_events' AS t, count(*)::text AS h FROM audit_events WHERE action <> ALL($1::text[])",
  );
  const r = await db.query<{ t: string; h: string }>(parts.join(" UNION ALL "), [
    [...PLATFORM_REFUSALS, ...refusalAudits],
  ]);
  return Object.fromEntries(r.rows.map((x) => [x.t, x.h]));
}

/** Mostly `main` (who can act, so bodies get past the policy), sometimes each of `others`. */
export function mostly<T>(main: T, ...others: T[]): fc.Arbitrary<T> {
  return fc.oneof(
    { arbitrary: fc.constant(main), weight: others.length },
    fc.constantFrom(...others),
  );
}

export interface Sender {
  headers: Record<string, string>;
}

export interface ValidBodyPlan {
  app: FastifyInstance;
  db: Db;
  /** Who sends: the manager of the records, a member, a sibling subtree's secretary ... */
  callers: fc.Arbitrary<Sender>;
  /** Real ids and values for body fields by name. */
  hints: Hints;
  /** Real ids for the route's path parameters (`id` of a meeting, of a round ...). */
  params: (route: WriteRoute) => Hints;
  /** Audit actions that record a refusal on purpose (`study.refused`). */
  refusalAudits?: string[];
  /** Makes fields that belong together agree (an ID number and its birth date). */
  adjust?: (body: Record<string, unknown>) => void;
  numRuns?: number;
}

/** Percent-encodes as UTF-8, and a lone surrogate as the three bytes a careless encoder sends. */
function encode(value: string) {
  return value.replace(/./gsu, (c) => {
    const unit = c.charCodeAt(0);
    if (c.length > 1 || unit < 0xd800 || unit > 0xdfff) return encodeURIComponent(c);
    return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
      .map((b) => `%${b.toString(16).toUpperCase()}`)
      .join("");
  });
}

function fill(url: string, params: Record<string, unknown>) {
  return url.replace(/:(\w+)/g, (_m, name: string) => encode(String(params[name])));
}

function queryOf(values: unknown) {
  const q: string[] = [];
  for (const [k, v] of Object.entries((values ?? {}) as Record<string, unknown>)) {
    if (v !== undefined) q.push(`${encode(k)}=${encode(String(v))}`);
  }
  return q.length ? `?${q.join("&")}` : "";
}

/**
 * Sends bodies, path parameters and queries the route's schemas accept, from each caller.
 * Every answer is below 500; every refusal (4xx) leaves the database as it was.
 */
export async function checkValidBodies(
  plan: ValidBodyPlan,
  route: WriteRoute,
): Promise<Record<number, number>> {
  const statuses: Record<number, number> = {};
  const none = fc.constant(undefined);
  const params = route.params ? validValues(route.params, plan.params(route)) : fc.constant({});
  const schema = route.body;
  const body = schema
    ? validValues(schema, plan.hints)
        .map((b) => {
          if (!plan.adjust || typeof b !== "object" || b === null) return b;
          const copy = { ...(b as Record<string, unknown>) };
          plan.adjust(copy);
          return copy;
        })
        .filter((b) => schema.safeParse(b).success)
    : none;
  const query = route.querystring ? validValues(route.querystring, plan.hints) : none;
  const snapshot = () => databaseSnapshot(plan.db, plan.refusalAudits);
  let before = await snapshot();
  await fc.assert(
    fc.asyncProperty(plan.callers, params, body, query, async (who, p, b, q) => {
      const res = await plan.app.inject({
        method: route.method,
        url: fill(route.url, p as Record<string, unknown>) + queryOf(q),
        headers: {
          ...who.headers,
          "accept-language": "zh-CN",
          ...(b === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(b === undefined ? {} : { payload: JSON.stringify(b) }),
      });
      const what = `${routeName(route)} ${JSON.stringify(b)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      expect(res.statusCode, what).toBeLessThan(500);
      const after = await snapshot();
      if (res.statusCode >= 400) {
        const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
        const last = changed.includes("audit_events") ? await lastAudit(plan.db) : "";
        expect(changed, `a refusal wrote: ${what} ${last}`).toEqual([]);
      }
      before = after;
    }),
    { numRuns: plan.numRuns ?? 25 },
  );
  return statuses;
}

/**
 * One test per write route. Bodies must get past validation to the use case: a route with a
 * JSON body answers something other than 400 at least once.
 */
export function describeWriteRoutes(routes: WriteRoute[], plan: () => ValidBodyPlan) {
  describe.each(routes.map((r) => ({ name: routeName(r), r })))(
    "valid bodies for $name",
    ({ r }) => {
      it("never answer 5xx, and a refusal writes nothing", async () => {
        const statuses = await checkValidBodies(plan(), r);
        if (r.body)
          expect(
            Object.keys(statuses).filter((s) => s !== "400"),
            routeName(r),
          ).not.toEqual([]);
      }, 180_000);
    },
  );
}
