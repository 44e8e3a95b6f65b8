/** Shared by the orgs and members route tests: a small county tree and signed-in callers. */
import type { FastifyInstance } from "fastify";
import {
  buildMember,
  buildOrg,
  buildUser,
  signIn,
  type TestMember,
  type TestOrg,
} from "../../../test/factories.ts";
import type { Role } from "../../platform/auth/permissions.ts";
import type { AppContext } from "../../platform/context.ts";

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
  method: "GET" | "POST" | "PATCH" | "PUT",
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

/**
 * Audit rows of one action, or of every change: the `access.refused` row a refused request
 * writes is not a change, and tests that prove a refusal changed nothing count without it.
 */
export async function auditCount(ctx: AppContext, action?: string): Promise<number> {
  const result = await ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_events
      WHERE ($1::text IS NULL AND action <> 'access.refused') OR action = $1`,
    [action ?? null],
  );
  return result.rows[0]?.n ?? 0;
}
