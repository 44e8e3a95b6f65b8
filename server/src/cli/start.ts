import { buildApp } from "../app.ts";
import { sealPending } from "../platform/audit/chain.ts";
import { systemActor } from "../platform/audit/record.ts";
import { startJobs } from "../platform/jobs/runner.ts";
import { openRuntime } from "../platform/runtime.ts";
import { bootstrapOnce } from "../seed/bootstrap.ts";
import { seedRegulationOnce } from "../seed/seed-regulation.ts";
import { printCredentials } from "./seed-commands.ts";

const SEAL_INTERVAL_MS = 1000;

export async function startServer() {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const runtime = await openRuntime(log);
  const { ctx } = runtime;
  const regulation = await seedRegulationOnce(ctx.db, systemActor);
  if (regulation) log(`已载入《${regulation.title}》：${regulation.articles} 条。`);
  const first = await bootstrapOnce(ctx, systemActor);
  if (first) {
    log(
      "首次启动：已创建演示组织与管理员账号。以下密码只显示这一次，请妥善记录；首次登录须修改密码。",
    );
    printCredentials("三员管理员账号（须修改密码并绑定动态口令）：", first.admins);
    printCredentials("演示账号（可用 npx wanggui seed demo 重新生成密码）：", first.demo);
  }
  const app = await buildApp(ctx, { logger: process.env.WANGGUI_LOG === "1", serveWeb: true });
  const worker = await startJobs(ctx);
  const sealer = setInterval(() => {
    sealPending(ctx.db).catch((error) => log(`审计封存失败：${error.message}`));
  }, SEAL_INTERVAL_MS);

  let stopping = false;
  let stopped: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    stopped = resolve;
  });
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`收到 ${signal}，正在停止服务与数据库……`);
    clearInterval(sealer);
    await app.close();
    await worker.stop();
    await runtime.close();
    log("已安全停止。");
    stopped();
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  await app.listen({ host: ctx.config.host, port: ctx.config.port });
  log(`网规已启动：http://${ctx.config.host}:${ctx.config.port}`);
  await done;
}
