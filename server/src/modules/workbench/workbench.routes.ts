import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../../platform/auth/plugin.ts";
import type { AppContext } from "../../platform/context.ts";
import { pickLocale } from "../../platform/i18n.ts";
import { getWorkbench } from "./get-workbench.ts";
import { Workbench } from "./workbench.schemas.ts";

export async function workbenchRoutes(app: FastifyInstance, ctx: AppContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    "/workbench",
    {
      schema: {
        tags: ["workbench"],
        summary: "工作台：本人待办与所管组织的待办汇总",
        response: { 200: Workbench },
      },
    },
    async (req) => getWorkbench(ctx.db, actorOf(req), pickLocale(req.headers["accept-language"])),
  );
}
