import type { FastifyInstance } from "fastify";
import { afterAll } from "vitest";
import { buildApp } from "../src/app.ts";
import type { AppContext } from "../src/platform/context.ts";
import { testContext } from "./db.ts";

/** The real app on this file's own database, for `app.inject` route tests. */
export async function testApp(): Promise<{ app: FastifyInstance; ctx: AppContext }> {
  const ctx = await testContext();
  const app = await buildApp(ctx);
  await app.ready();
  afterAll(() => app.close());
  return { app, ctx };
}
