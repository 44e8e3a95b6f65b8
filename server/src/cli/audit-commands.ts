import type { Command } from "commander";
import { sealAndVerify } from "../platform/audit/sealer.ts";
import { say, withRuntime } from "./run.ts";

export function registerAuditCommands(program: Command) {
  const audit = program.command("audit").description("审计日志");
  audit
    .command("verify")
    .description("校验审计日志哈希链：发现被修改或删除的记录时指出第一条并以非零状态退出")
    .action(async () => {
      const result = await withRuntime(({ ctx }) => sealAndVerify(ctx.db, ctx.checkpoints));
      if (result.ok) {
        say(
          `审计日志完整：已校验 ${result.rows} 条记录，与 ${result.checkpoints ?? 0} 个签名检查点一致。`,
        );
      } else {
        process.stderr.write(
          `审计日志校验失败：${result.reason}（链序号 ${result.brokenAt.chainSeq}${result.brokenAt.id ? `，记录 id ${result.brokenAt.id}` : ""}）\n`,
        );
        process.exitCode = 3;
      }
    });
}
