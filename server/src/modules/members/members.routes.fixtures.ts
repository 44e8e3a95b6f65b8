/** Shared by the members route tests: the app on the file's own database and a county tree. */
import type { FastifyInstance } from "fastify";
import { testApp } from "../../../test/app.ts";
import { type Actor, loadActor } from "../../platform/auth/actor.ts";
import type { AppContext } from "../../platform/context.ts";
import { countyTree } from "../orgs/orgs.fixtures.ts";

export type CountyTree = Awaited<ReturnType<typeof countyTree>>;

/** The real app on this test file's database, with the county tree of orgs.fixtures. */
export async function membersApp(): Promise<{
  app: FastifyInstance;
  ctx: AppContext;
  t: CountyTree;
}> {
  const { app, ctx } = await testApp();
  return { app, ctx, t: await countyTree(ctx) };
}

export async function memberCount(ctx: AppContext): Promise<number> {
  return (
    (await ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM members")).rows[0]?.n ?? 0
  );
}

/** The town secretary's actor, for calling use cases directly (as the roster import does). */
export async function townSecretary(ctx: AppContext, t: CountyTree): Promise<Actor> {
  const actor = await loadActor(
    ctx.db,
    (
      await ctx.db.query(
        "SELECT user_id FROM role_grants WHERE role = 'secretary' AND org_id = $1 LIMIT 1",
        [t.town.id],
      )
    ).rows[0].user_id,
  );
  if (!actor) throw new Error("no secretary");
  return actor;
}
