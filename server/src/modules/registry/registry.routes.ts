import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../platform/context.ts";
import { accountsRoutes } from "./accounts/accounts.routes.ts";
import { attestationRoutes } from "./attestation/attestation.routes.ts";
import { declarationsRoutes } from "./declarations/declarations.routes.ts";

/** 党员干部 registers (Art 18-20): public accounts, their annual attestation, declarations. */
export async function registryRoutes(api: FastifyInstance, ctx: AppContext) {
  await accountsRoutes(api, ctx);
  await attestationRoutes(api, ctx);
  await declarationsRoutes(api, ctx);
}
