import { Command, CommanderError } from "commander";
import { registerAuditCommands } from "./audit-commands.ts";
import { registerBackupCommands } from "./backup-commands.ts";
import { registerCoreCommands } from "./core-commands.ts";
import { registerKeyCommands } from "./key-commands.ts";
import { registerNationalCommands } from "./national-commands.ts";
import { registerRegulationCommands } from "./regulation-commands.ts";
import { registerSeedCommands } from "./seed-commands.ts";
import { registerUserCommands } from "./user-commands.ts";

const program = new Command()
  .name("wanggui")
  .description("网规 Wanggui 命令行：启动服务、迁移数据库、导入数据、管理用户、校验审计日志")
  .exitOverride()
  .showHelpAfterError(false);

registerCoreCommands(program);
registerAuditCommands(program);
registerUserCommands(program);
registerSeedCommands(program);
registerRegulationCommands(program);
registerBackupCommands(program);
registerKeyCommands(program);
registerNationalCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(`错误：${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
