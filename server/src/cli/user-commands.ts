import { type Command, InvalidArgumentError, Option } from "commander";
import { lookupOrg } from "../modules/orgs/lookup-org.ts";
import { changeUserStatus } from "../modules/users/change-user-status.ts";
import { createUser } from "../modules/users/create-user.ts";
import { resetUserPassword } from "../modules/users/reset-user-password.ts";
import { userIdByUsername } from "../modules/users/users.repo.ts";
import { CreateUserBody } from "../modules/users/users.schemas.ts";
import { cliActor } from "../platform/audit/record.ts";
import { ROLES, type Role } from "../platform/auth/permissions.ts";
import { DomainError } from "../platform/errors.ts";
import type { Runtime } from "../platform/runtime.ts";
import { say, withRuntime } from "./run.ts";

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError("应为正整数");
  return n;
}

// The API names fields; at the command line people think in option names.
const OPTION_HINTS: Record<string, string> = {
  username: "--username 不正确：应为 3-32 位小写字母、数字或 _ . -，以字母或数字开头",
  displayName: "--name 不正确：姓名不能为空，且不超过 50 个字",
  memberId: "--member-id 不正确：应为正整数",
};

export function registerUserCommands(program: Command) {
  const user = program.command("user").description("用户账号");
  user
    .command("create")
    .description("开设账号并授予一个角色，打印一次性初始密码（首次登录须修改）")
    .requiredOption("--username <username>", "用户名：3-32 位小写字母、数字、_ . -")
    .requiredOption("--name <name>", "姓名，如 王建国")
    .addOption(new Option("--role <role>", "角色").choices(ROLES).makeOptionMandatory())
    .requiredOption("--org <code>", "组织代码，如 001001004")
    .option("--member-id <id>", "关联的党员 id（可选）", positiveInt)
    .action(
      async (opts: {
        username: string;
        name: string;
        role: Role;
        org: string;
        memberId?: number;
      }) => {
        // Same rules as the API; orgId is a placeholder until --org is looked up below.
        const input = CreateUserBody.safeParse({
          username: opts.username,
          displayName: opts.name,
          orgId: 1,
          memberId: opts.memberId,
          role: opts.role,
        });
        if (!input.success) {
          const field = String(input.error.issues[0]?.path[0] ?? "");
          throw new Error(OPTION_HINTS[field] ?? `参数不正确：${input.error.issues[0]?.message}`);
        }
        const created = await withRuntime(async ({ ctx }) => {
          const org = await lookupOrg(ctx.db, { code: opts.org });
          if (!org) throw new Error(`组织代码 ${opts.org} 不存在`);
          return inChinese(() =>
            createUser(ctx.db, { kind: "operator" }, cliActor, { ...input.data, orgId: org.id }),
          );
        });
        say(
          `已开设账号 ${created.user.username}（${created.user.displayName}），角色 ${opts.role}。`,
        );
        say(`一次性初始密码（仅显示这一次，首次登录须修改）：${created.oneTimePassword}`);
      },
    );

  // 三员 accounts are reset and disabled only here: the operator already holds the database
  // and the field key, and no administrator can take over another through the app.
  user
    .command("reset-password")
    .description(
      "为忘记密码或被锁定的账号（含三员管理员账号）生成一次性密码，结束其全部会话，首次登录须修改",
    )
    .requiredOption("--username <username>", "用户名，如 li.xiuying")
    .action(async (opts: { username: string }) => {
      const { oneTimePassword } = await withAccount(opts.username, (ctx, id) =>
        resetUserPassword(ctx.db, { kind: "operator" }, cliActor, id),
      );
      say(`已重置 ${opts.username} 的密码，其全部会话已结束，锁定已解除。`);
      say(`一次性密码（仅显示这一次，登录后须修改）：${oneTimePassword}`);
    });
  for (const [name, disabled, text, done] of [
    ["disable", true, "停用账号（如人员离岗或账号失控）并结束其全部会话；授权保持不变", "已停用"],
    ["enable", false, "重新启用已停用的账号，恢复其原有授权", "已启用"],
  ] as const) {
    user
      .command(name)
      .description(text)
      .requiredOption("--username <username>", "用户名，如 li.xiuying")
      .action(async (opts: { username: string }) => {
        await withAccount(opts.username, (ctx, id) =>
          changeUserStatus(ctx.db, { kind: "operator" }, cliActor, id, disabled),
        );
        say(`${done}账号 ${opts.username}。`);
      });
  }
}

/** Domain errors carry a message meant for people; the command line shows the Chinese one. */
async function inChinese<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) throw new Error(error.text["zh-CN"]);
    throw error;
  }
}

async function withAccount<T>(
  username: string,
  work: (ctx: Runtime["ctx"], userId: number) => Promise<T>,
): Promise<T> {
  return withRuntime(async ({ ctx }) => {
    const id = await userIdByUsername(ctx.db, username);
    if (id === null) throw new Error(`用户 ${username} 不存在`);
    return inChinese(() => work(ctx, id));
  });
}
