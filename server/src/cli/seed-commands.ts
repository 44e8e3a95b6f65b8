import type { Command } from "commander";
import { cliActor } from "../platform/audit/record.ts";
import { withTx } from "../platform/db/pool.ts";
import { type Credential, seedDemo } from "../seed/bootstrap.ts";
import { removeDemoAccounts, resetDemoPasswords } from "../seed/reset-demo.ts";
import { seedSynthetic } from "../seed/synthetic.ts";
import { say, withRuntime } from "./run.ts";

const ROLE_NAMES: Record<string, string> = {
  member: "党员",
  secretary: "书记",
  discipline_officer: "纪检干部",
  propaganda_officer: "宣传干部",
  system_admin: "系统管理员",
  security_admin: "安全保密管理员",
  audit_admin: "安全审计员",
};

export function printCredentials(title: string, credentials: Credential[]) {
  say(title);
  for (const c of credentials) {
    say(
      `  ${c.username.padEnd(16)} ${c.password}  ${ROLE_NAMES[c.role] ?? c.role} @ ${c.org}${c.note ? `  ${c.note}` : ""}`,
    );
  }
}

function positiveInt(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} 须为正整数，收到 "${value}"`);
    return n;
  };
}

export function registerSeedCommands(program: Command) {
  const seed = program.command("seed").description("加载演示或合成数据");
  seed
    .command("demo")
    .description(
      "加载演示组织（青山市委）及每个业务角色一个演示账号并打印其密码（首次登录须修改）；已加载时重置演示账号密码并打印；--remove 停用全部演示账号",
    )
    .option("--remove", "停用全部演示账号、终止其授权与会话（生产环境启动前须执行）")
    .action(async (opts: { remove?: boolean }) => {
      await withRuntime(async ({ ctx }) => {
        if (opts.remove) {
          const removed = await withTx(ctx.db, (tx) => removeDemoAccounts(tx, cliActor));
          say(
            removed.length
              ? `已停用 ${removed.length} 个演示账号：${removed.join("、")}。`
              : "没有启用中的演示账号。",
          );
          return;
        }
        const reset = await withTx(ctx.db, (tx) => resetDemoPasswords(tx, cliActor));
        if (reset) {
          printCredentials(
            "演示数据已存在，已为演示账号重新生成密码（仅显示这一次，首次登录须修改）：",
            reset,
          );
          return;
        }
        const demo = await withTx(ctx.db, (tx) => seedDemo(tx, ctx, cliActor));
        say(`已加载演示组织：${demo.orgs} 个党组织，${demo.members} 名党员。`);
        printCredentials("演示账号（密码仅显示这一次，首次登录须修改）：", demo.credentials);
      });
    });
  seed
    .command("synthetic")
    .description("用 COPY 批量生成形状接近真实的合成组织树与党员（用于性能测试）")
    .requiredOption("--members <n>", "党员人数", positiveInt("--members"))
    .requiredOption("--orgs <n>", "党组织个数", positiveInt("--orgs"))
    .option("--seed <n>", "随机种子（同一种子生成相同数据）", positiveInt("--seed"))
    .option(
      "--threads <n>",
      "生成与加密用的工作线程数（默认为 CPU 核数）",
      positiveInt("--threads"),
    )
    .action(async (opts: { members: number; orgs: number; seed?: number; threads?: number }) => {
      const started = performance.now();
      const result = await withRuntime(async ({ ctx }) =>
        withTx(ctx.db, (tx) => seedSynthetic(tx, ctx.cipher, cliActor, opts)),
      );
      const seconds = (performance.now() - started) / 1000;
      say(
        `已生成 ${result.orgs} 个党组织（根代码 ${result.rootCode}）、${result.members} 名党员，用时 ${seconds.toFixed(1)} 秒，峰值内存 ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB。`,
      );
    });
}
