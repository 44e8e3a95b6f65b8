import type { Command } from "commander";
import { migrate } from "../platform/db/migrate.ts";
import { say, withRuntime } from "./run.ts";
import { startServer } from "./start.ts";

export function registerCoreCommands(program: Command) {
  program
    .command("start")
    .description(
      "启动网规服务（未设置 DATABASE_URL 时使用内置 PostgreSQL），首次启动时初始化数据（非生产模式含演示组织）",
    )
    .option(
      "--production",
      "生产模式（亦可设 NODE_ENV=production）：不建演示数据，存在演示账号时拒绝启动",
    )
    .action((opts: { production?: boolean }) => startServer(opts));

  program
    .command("migrate")
    .description("应用尚未执行的数据库迁移（全部成功或全部不生效）")
    .action(async () => {
      await withRuntime(async ({ ctx }) => {
        const { applied, alreadyApplied } = await migrate(ctx.db);
        say(
          applied.length
            ? `已应用 ${applied.length} 个迁移：${applied.join(", ")}`
            : `数据库已是最新（共 ${alreadyApplied} 个迁移）。`,
        );
      });
    });
}
