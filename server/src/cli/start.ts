import { buildApp } from "../app.ts";
import { sealPending } from "../platform/audit/chain.ts";
import { openRuntime } from "../platform/runtime.ts";

const SEAL_INTERVAL_MS = 1000;

export async function startServer() {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const runtime = await openRuntime(log);
  const { ctx } = runtime;
  const app = await buildApp(ctx, { logger: process.env.WANGGUI_LOG === "1", serveWeb: true });
  const sealer = setInterval(() => {
    sealPending(ctx.db).catch((error) => log(`审计封存失败：${error.message}`));
  }, SEAL_INTERVAL_MS);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`收到 ${signal}，正在停止服务与数据库……`);
    clearInterval(sealer);
    await app.close();
    await runtime.close();
    log("已安全停止。");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  await app.listen({ host: ctx.config.host, port: ctx.config.port });
  log(`网规已启动：http://${ctx.config.host}:${ctx.config.port}`);
}
