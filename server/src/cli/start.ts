import { buildApp } from "../app.ts";
import { ROLLUPS_FOLD } from "../modules/rollups/rollups.jobs.ts";
import { systemActor } from "../platform/audit/record.ts";
import { sealAndSign } from "../platform/audit/sealer.ts";
import { startJobs } from "../platform/jobs/runner.ts";
import { scheduleJob } from "../platform/jobs/schedule.ts";
import { openRuntime } from "../platform/runtime.ts";
import { bootstrapOnce } from "../seed/bootstrap.ts";
import { countDemoAccounts } from "../seed/reset-demo.ts";
import { seedRegulationOnce } from "../seed/seed-regulation.ts";
import { printCredentials } from "./seed-commands.ts";

const SEAL_INTERVAL_MS = 1000;

/** NODE_ENV=production, WANGGUI_PRODUCTION=1 or `wanggui start --production`. */
export function isProduction(flag: boolean | undefined, env: NodeJS.ProcessEnv = process.env) {
  return Boolean(flag) || env.NODE_ENV === "production" || env.WANGGUI_PRODUCTION === "1";
}

export async function startServer(opts: { production?: boolean } = {}) {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const production = isProduction(opts.production);
  // Ctrl-C can come while the database is still starting or migrating. Node's default would
  // kill the process there and then, without "已安全停止" and without closing what it opened;
  // instead the signal is held and honoured as soon as there is something to close.
  let stop: (signal: string) => void;
  let held: string | undefined;
  stop = (signal) => {
    held ??= signal;
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  const runtime = await openRuntime(log);
  const { ctx } = runtime;
  for (const warning of runtime.warnings) log(warning);
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    const regulation = await seedRegulationOnce(ctx.db, systemActor);
    if (regulation) log(`已载入《${regulation.title}》：${regulation.articles} 条。`);
    const first = await bootstrapOnce(ctx, systemActor, { demo: !production });
    if (first) {
      log(
        `首次启动：已创建${first.demo.length ? "演示组织与" : ""}管理员账号。以下密码只显示这一次，请妥善记录；首次登录须修改密码。`,
      );
      printCredentials(
        `三员管理员账号（须修改密码并绑定动态口令，@ ${first.root}）：`,
        first.admins,
      );
      if (first.demo.length) {
        printCredentials(
          "演示账号（首次登录须修改密码；可用 npx wanggui seed demo 重新生成密码）：",
          first.demo,
        );
      }
    }
    const demo = production ? await countDemoAccounts(ctx.db) : 0;
    if (demo > 0) {
      throw new Error(
        `拒绝以生产模式启动：仍有 ${demo} 个演示账号启用中。请先运行 npx wanggui seed demo --remove 停用演示账号。`,
      );
    }
    app = await buildApp(ctx, { logger: true, serveWeb: true });
    await listen(app, ctx.config.host, ctx.config.port);
  } catch (error) {
    // Whatever failed, the database this process opened (or started) must not keep the
    // process alive: close it, then let the CLI print the one-line reason.
    await app?.close().catch(() => undefined);
    await runtime.close();
    throw error;
  }
  const worker = await startJobs(ctx);
  // Facts recorded while no worker ran (a seed, a migration's backfill) are folded now, in the
  // background, rather than at the next minute.
  await scheduleJob(ctx.db, ROLLUPS_FOLD, {}, { jobKey: ROLLUPS_FOLD });
  const sealer = setInterval(() => {
    sealAndSign(ctx.db, ctx.checkpoints).catch((error) => log(`审计封存失败：${error.message}`));
  }, SEAL_INTERVAL_MS);

  let stopping = false;
  let stopped: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    stopped = resolve;
  });
  stop = async (signal: string) => {
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
  if (held) void stop(held);
  else log(`网规已启动：http://${ctx.config.host}:${ctx.config.port}`);
  await done;
}

async function listen(app: { listen: (o: object) => Promise<string> }, host: string, port: number) {
  try {
    await app.listen({ host, port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") {
      throw new Error(
        `端口 ${port} 已被其他程序占用：请设置 PORT 为空闲端口，或停止占用该端口的程序`,
      );
    }
    if (code === "EADDRNOTAVAIL" || code === "EACCES") {
      throw new Error(`无法在 ${host}:${port} 监听（${code}）：请检查 HOST 与 PORT`);
    }
    throw error;
  }
}
