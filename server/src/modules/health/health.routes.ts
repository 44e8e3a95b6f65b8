import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../platform/context.ts";

const HealthResponse = z.object({
  status: z.enum(["ok", "degraded"]),
  version: z.string(),
  database: z.object({ ok: z.boolean(), version: z.string().nullable(), migrations: z.number() }),
});

export async function healthRoutes(api: FastifyInstance, ctx: AppContext) {
  api.withTypeProvider<ZodTypeProvider>().get(
    "/health",
    {
      config: { access: "public" },
      schema: {
        tags: ["health"],
        summary: "服务与数据库状态",
        response: { 200: HealthResponse, 503: HealthResponse },
      },
    },
    async (_req, reply) => {
      try {
        const result = await ctx.db.query<{ version: string; migrations: number }>(
          "SELECT current_setting('server_version') AS version, (SELECT count(*)::int FROM schema_migrations) AS migrations",
        );
        const row = result.rows[0];
        return {
          status: "ok" as const,
          version: "0.1.0",
          database: { ok: true, version: row?.version ?? null, migrations: row?.migrations ?? 0 },
        };
      } catch {
        return reply.status(503).send({
          status: "degraded" as const,
          version: "0.1.0",
          database: { ok: false, version: null, migrations: 0 },
        });
      }
    },
  );
}
