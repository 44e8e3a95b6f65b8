import type { Command } from "commander";
import { createBackup, restoreBackup } from "../platform/backup.ts";
import { loadConfig } from "../platform/config.ts";
import { type DatabaseHandle, startEmbedded } from "../platform/db/embedded.ts";
import { say } from "./run.ts";

/** The configured database (or the embedded one, started or joined) for as long as work runs. */
async function withDatabase<T>(work: (url: string, dataDir: string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database: DatabaseHandle = config.databaseUrl
    ? { url: config.databaseUrl, stop: async () => {} }
    : await startEmbedded(config.dataDir, (line) => process.stderr.write(`${line}\n`));
  try {
    return await work(database.url, config.dataDir);
  } finally {
    await database.stop();
  }
}

export function registerBackupCommands(program: Command) {
  program
    .command("backup")
    .description(
      "备份数据库（pg_dump 自定义格式）与上传文件到一个新目录；密钥不在备份内，须另行保管",
    )
    .requiredOption("--out <dir>", "备份目录（须为新目录或空目录）")
    .action(async (opts: { out: string }) => {
      const manifest = await withDatabase((databaseUrl, dataDir) =>
        createBackup({ databaseUrl, dataDir, out: opts.out }),
      );
      say(
        `已备份到 ${opts.out}：数据库（PostgreSQL ${manifest.serverVersion}）与 ${manifest.files} 个文件。`,
      );
      say("密钥（field.key 或 WANGGUI_FIELD_KEY，以及审计签名密钥）不在备份内，请另行保管。");
    });

  program
    .command("restore")
    .description("用备份目录覆盖当前数据库与上传文件（一个事务：失败时数据库不变）")
    .requiredOption("--from <dir>", "备份目录")
    .option("--yes", "确认覆盖当前数据（不加则只说明将做什么）")
    .action(async (opts: { from: string; yes?: boolean }) => {
      if (!opts.yes) {
        throw new Error(
          `恢复会用 ${opts.from} 覆盖当前数据库的全部数据：确认后加 --yes 重新运行，并先停止服务`,
        );
      }
      const manifest = await withDatabase((databaseUrl, dataDir) =>
        restoreBackup({ databaseUrl, dataDir, from: opts.from }),
      );
      say(`已从 ${opts.from}（${manifest.createdAt}）恢复数据库与 ${manifest.files} 个文件。`);
    });
}
