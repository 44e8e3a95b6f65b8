import type { FastifyInstance } from "fastify";
import type { AppContext } from "../platform/context.ts";
import { healthRoutes } from "./health/health.routes.ts";
import { orgsRoutes } from "./orgs/orgs.routes.ts";

export type ModuleRoutes = (api: FastifyInstance, ctx: AppContext) => Promise<void>;

/** Every module's routes, mounted under /api. */
export const modules: ModuleRoutes[] = [healthRoutes, orgsRoutes];
