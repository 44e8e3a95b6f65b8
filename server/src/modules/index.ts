import type { FastifyInstance } from "fastify";
import type { AppContext } from "../platform/context.ts";
import { auditLogRoutes } from "./audit-log/audit-log.routes.ts";
import { authRoutes } from "./auth/auth.routes.ts";
import { healthRoutes } from "./health/health.routes.ts";
import { membersRoutes } from "./members/members.routes.ts";
import { notificationsRoutes } from "./notifications/notifications.routes.ts";
import { orgsRoutes } from "./orgs/orgs.routes.ts";
import { regulationsRoutes } from "./regulations/regulations.routes.ts";
import { reviewRoutes } from "./review/review.routes.ts";
import { rosterRoutes } from "./roster/roster.routes.ts";
import { studyRoutes } from "./study/study.routes.ts";
import { usersRoutes } from "./users/users.routes.ts";

export type ModuleRoutes = (api: FastifyInstance, ctx: AppContext) => Promise<void>;

/** Every module's routes, mounted under /api. */
export const modules: ModuleRoutes[] = [
  healthRoutes,
  auditLogRoutes,
  authRoutes,
  notificationsRoutes,
  orgsRoutes,
  regulationsRoutes,
  membersRoutes,
  usersRoutes,
  rosterRoutes,
  studyRoutes,
  reviewRoutes,
];
