/** Shared by the orgs and members route tests: a small county tree and signed-in callers. */
import type { FastifyInstance } from "fastify";
import {
  buildMember,
  buildUser,
  signIn,
  type TestMember,
  type TestOrg,
} from "../../../test/factories.ts";
import type { Role } from "../../platform/auth/permissions.ts";
import type { AppContext } from "../../platform/context.ts";
import type { Db } from "../../platform/db/pool.ts";

const KIND_NAMES = {
  committee: "党委",
  general_branch: "党总支",
  branch: "党支部",
  group: "党小组",
};
let serial = 0;

/**
 * Inserts an org directly with a correct path and code. (test/factories.ts buildOrg inserts a
 * child with path '0' first, which the orgs CHECK on parent/level refuses.)
 */
export async function buildOrg(
  db: Db,
  opts: { parent?: TestOrg; kind?: keyof typeof KIND_NAMES; name?: string } = {},
): Promise<TestOrg> {
  const kind = opts.kind ?? (opts.parent ? "branch" : "committee");
  const name = opts.name ?? `测试${++serial}${KIND_NAMES[kind]}`;
  const result = await db.query<TestOrg>(
    `WITH next AS (SELECT nextval(pg_get_serial_sequence('orgs', 'id')) AS id),
          code AS (SELECT coalesce($5 || lpad((coalesce(max(right(code, 3))::int, 0) + 1)::text, 3, '0'),
                                   lpad((coalesce(max(code)::int, 0) + 1)::text, 3, '0')) AS code
                     FROM orgs WHERE parent_id IS NOT DISTINCT FROM $1)
     INSERT INTO orgs (id, parent_id, kind, name, code, path) OVERRIDING SYSTEM VALUE
     SELECT next.id, $1, $2, $3, code.code,
            CASE WHEN $4::ltree IS NULL THEN next.id::text::ltree ELSE $4::ltree || next.id::text END
       FROM next, code
     RETURNING id, path::text AS path, code, name`,
    [opts.parent?.id ?? null, kind, name, opts.parent?.path ?? null, opts.parent?.code ?? null],
  );
  const row = result.rows[0];
  if (!row) throw new Error("org not inserted");
  return row;
}

export interface Caller {
  headers: Record<string, string>;
}

export const anonymous: Caller = { headers: {} };

export async function callerWith(
  ctx: AppContext,
  role: Role,
  at: TestOrg,
  member?: TestMember,
): Promise<Caller> {
  const user = await buildUser(ctx.db, { role, at, member });
  return { headers: (await signIn(ctx.db, user)).headers };
}

export function call(
  app: FastifyInstance,
  who: Caller,
  method: "GET" | "POST" | "PATCH",
  url: string,
  body?: unknown,
) {
  return app.inject({
    method,
    url,
    headers: { ...who.headers, "accept-language": "zh-CN" },
    ...(body === undefined ? {} : { payload: body as object }),
  });
}

/** A route aimed at the 城关镇 subtree, for the 401, 403 and other-subtree tests. */
export interface AccessRoute {
  name: string;
  method: "GET" | "POST" | "PATCH";
  url: () => string;
  body?: () => unknown;
  /** What the secretary of the sibling town sees: nothing (404) or an empty list. */
  sibling: "404" | "empty";
}

export function sendRoute(app: FastifyInstance, who: Caller, route: AccessRoute) {
  return call(app, who, route.method, route.url(), route.body?.());
}

/**
 * 某县委 with two town committees side by side (城关镇党委 and 东街镇党委), each with a
 * branch; the secretaries of the two towns are each other's sibling subtree.
 */
export async function countyTree(ctx: AppContext, tag = "") {
  const county = await buildOrg(ctx.db, { kind: "committee", name: `${tag}青山县委` });
  const town = await buildOrg(ctx.db, {
    parent: county,
    kind: "committee",
    name: `${tag}城关镇党委`,
  });
  const otherTown = await buildOrg(ctx.db, {
    parent: county,
    kind: "committee",
    name: `${tag}东街镇党委`,
  });
  const branch = await buildOrg(ctx.db, {
    parent: town,
    kind: "branch",
    name: `${tag}城关镇第一党支部`,
  });
  const otherBranch = await buildOrg(ctx.db, {
    parent: otherTown,
    kind: "branch",
    name: `${tag}东街镇第一党支部`,
  });
  const self = await buildMember(ctx.db, { org: branch, name: "王建国" });
  return {
    county,
    town,
    otherTown,
    branch,
    otherBranch,
    self,
    admin: await callerWith(ctx, "system_admin", county),
    secretary: await callerWith(ctx, "secretary", town),
    siblingSecretary: await callerWith(ctx, "secretary", otherTown),
    member: await callerWith(ctx, "member", branch, self),
    propaganda: await callerWith(ctx, "propaganda_officer", town),
  };
}

export async function auditCount(ctx: AppContext, action?: string): Promise<number> {
  const result = await ctx.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM audit_events WHERE $1::text IS NULL OR action = $1",
    [action ?? null],
  );
  return result.rows[0]?.n ?? 0;
}
