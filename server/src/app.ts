import { existsSync } from "node:fs";
import cookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { modules } from "./modules/index.ts";
import { registerAuth } from "./platform/auth/plugin.ts";
import type { AppContext } from "./platform/context.ts";
import { registerErrorHandling } from "./platform/http-errors.ts";

export interface AppOptions {
  logger?: boolean;
  serveWeb?: boolean;
}

export async function buildApp(
  ctx: AppContext,
  options: AppOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { level: "info" } : false,
    trustProxy: false,
    bodyLimit: 20 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: "Wanggui 网规 API", version: "0.1.0" },
      components: {
        securitySchemes: { session: { type: "apiKey", in: "cookie", name: "wg_session" } },
      },
    },
    transform: jsonSchemaTransform,
  });
  const serveWeb = Boolean(options.serveWeb && existsSync(ctx.config.webDist));
  registerErrorHandling(app, { spaFallback: serveWeb });
  registerAuth(app, ctx);
  // Server time per response, so load runs can tell the server's share from the network's.
  const started = new WeakMap<object, number>();
  app.addHook("onRequest", async (req) => {
    started.set(req, performance.now());
  });
  app.addHook("onSend", async (req, reply) => {
    const ms = performance.now() - (started.get(req) ?? performance.now());
    reply.header("server-timing", `app;dur=${ms.toFixed(1)}`);
  });

  await app.register(
    async (api) => {
      api.get("/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () =>
        app.swagger(),
      );
      for (const register of modules) await register(api, ctx);
    },
    { prefix: "/api" },
  );

  if (serveWeb) {
    await app.register(fastifyStatic, { root: ctx.config.webDist, wildcard: false });
  }
  return app;
}
