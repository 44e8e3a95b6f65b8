import type { Command } from "commander";
import { keyRotationSteps } from "../modules/index.ts";
import { cliActor } from "../platform/audit/record.ts";
import { rotateFieldKey } from "../platform/key-rotation.ts";
import { say, withRuntime } from "./run.ts";

export function registerKeyCommands(program: Command) {
  const key = program.command("key").description("字段加密密钥");
  key
    .command("rotate")
    .description(
      "换用新的字段加密密钥：分批重新加密全部加密字段（服务不停，可中断后重新运行继续），完成后停用旧密钥",
    )
    .option("--batch <rows>", "每批重新加密的行数", "500")
    .addHelpText(
      "after",
      "\n新密钥属于 WANGGUI_CRYPTO_SUITE 所配置的套件：设为 sm 运行即把全部加密字段从 AES 转为 SM4（国密），设为 default 则转回。",
    )
    .action(async (opts: { batch: string }) => {
      if (process.env.WANGGUI_FIELD_KEY) {
        throw new Error(
          "密钥由环境变量 WANGGUI_FIELD_KEY 提供，无法在原处轮换：请先把它写入密钥文件（WANGGUI_KEY_FILE）再运行。",
        );
      }
      const batch = Number(opts.batch);
      if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) {
        throw new Error(`--batch 须为 1 到 10000 的整数，收到 "${opts.batch}"`);
      }
      const report = await withRuntime(
        ({ ctx }) =>
          rotateFieldKey({
            db: ctx.db,
            keyFile: ctx.config.keyFile,
            steps: keyRotationSteps,
            actor: cliActor,
            batch,
            suite: ctx.config.cryptoSuite,
            log: say,
          }),
        { suiteChange: true },
      );
      const total = Object.values(report.moved).reduce((a, b) => a + b, 0);
      say(`字段加密密钥已轮换：${report.from} → ${report.to}，共重新加密 ${total} 项。`);
      say(
        `旧密钥已停用并移到 ${report.retiredFile}：只有轮换前的备份还需要它，请与那些备份一同保管，备份过期后删除。`,
      );
    });
}
