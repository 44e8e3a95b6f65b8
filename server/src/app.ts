import { existsSync } from "node:fs";
import cookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance, type RouteOptions } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { modules } from "./modules/index.ts";
import { registerRefusalAudit } from "./platform/audit/refusals.ts";
import { registerAuth } from "./platform/auth/plugin.ts";
import type { AppContext } from "./platform/context.ts";
import { registerErrorHandling } from "./platform/http-errors.ts";
import { registerInputGuard } from "./platform/input-guard.ts";
import { loggerOptions, requestLogController } from "./platform/logging.ts";
import { REQUEST_ID_HEADER, requestIdFor } from "./platform/request-id.ts";
import { registerSecurityHeaders } from "./platform/security-headers.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** performance.now() when the request arrived, for the server-timing header. */
    startedAt: number;
  }
}

export interface AppOptions {
  /** JSON logs at the configured level; tests leave them off or hand in a stream to read. */
  logger?: boolean;
  logStream?: NodeJS.WritableStream;
  serveWeb?: boolean;
  /** Sees every route as it is added, with its zod schemas: property tests walk them all. */
  onRoute?: (route: RouteOptions) => void;
}

export async function buildApp(
  ctx: AppContext,
  options: AppOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? loggerOptions(ctx.config.logLevel, options.logStream) : false,
    trustProxy: trustProxyOption(ctx.config.trustProxy),
    requestIdHeader: false,
    logController: requestLogController(),
    genReqId: (req) => requestIdFor(req.headers[REQUEST_ID_HEADER]),
    bodyLimit: 20 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const { onRoute } = options;
  if (onRoute) app.addHook("onRoute", onRoute);
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
  registerRefusalAudit(app, ctx);
  registerInputGuard(app);
  registerSecurityHeaders(app);
  // Server time per response, so load runs can tell the server's share from the network's.
  // Callback hooks and a field on the request: neither waits, so no promise or map per request.
  app.decorateRequest("startedAt", 0);
  app.addHook("onRequest", (req, _reply, done) => {
    req.startedAt = performance.now();
    done();
  });
  app.addHook("onSend", (req, reply, payload, done) => {
    reply.header("server-timing", `app;dur=${(performance.now() - req.startedAt).toFixed(1)}`);
    reply.header(REQUEST_ID_HEADER, req.id);
    done(null, payload);
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

/** A hop count trusts that many proxies nearest the server (Fastify's types want a function). */
function trustProxyOption(value: boolean | number | string[]) {
  return typeof value === "number" ? (_address: string, hop: number) => hop < value : value;
}
