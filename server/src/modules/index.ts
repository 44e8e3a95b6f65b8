import type { FastifyInstance } from "fastify";
import type { AppContext } from "../platform/context.ts";
import type { RotationStep } from "../platform/key-rotation.ts";
import { auditLogRoutes } from "./audit-log/audit-log.routes.ts";
import { authRotation } from "./auth/auth.rotation.ts";
import { authRoutes } from "./auth/auth.routes.ts";
import { casesRoutes } from "./cases/cases.routes.ts";
import { casesRotation } from "./cases/core/cases.rotation.ts";
import { disciplineRoutes } from "./cases/discipline/discipline.routes.ts";
import { contributionsRoutes } from "./contributions/contributions.routes.ts";
import { dashboardsRoutes } from "./dashboards/dashboards.routes.ts";
import { healthRoutes } from "./health/health.routes.ts";
import { membersRotation } from "./members/members.rotation.ts";
import { membersRoutes } from "./members/members.routes.ts";
import { notificationsRoutes } from "./notifications/notifications.routes.ts";
import { orgsRoutes } from "./orgs/orgs.routes.ts";
import { registryRoutes } from "./registry/registry.routes.ts";
import { regulationsRoutes } from "./regulations/regulations.routes.ts";
import { reviewRoutes } from "./review/index.ts";
import { rosterRoutes } from "./roster/roster.routes.ts";
import { studyRoutes } from "./study/study.routes.ts";
import { usersRoutes } from "./users/users.routes.ts";
import { workbenchRoutes } from "./workbench/workbench.routes.ts";

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
  workbenchRoutes,
  casesRoutes,
  registryRoutes,
  dashboardsRoutes,
  disciplineRoutes,
  contributionsRoutes,
];

/** Every table that holds values under the field key, for `wanggui key rotate`. */
export const keyRotationSteps: RotationStep[] = [
  ...membersRotation,
  ...authRotation,
  ...casesRotation,
];
