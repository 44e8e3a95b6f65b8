import { type Command, InvalidArgumentError, Option } from "commander";
import { lookupOrg } from "../modules/orgs/lookup-org.ts";
import { createUser } from "../modules/users/create-user.ts";
import { CreateUserBody } from "../modules/users/users.schemas.ts";
import { cliActor } from "../platform/audit/record.ts";
import { ROLES, type Role } from "../platform/auth/permissions.ts";
import { DomainError } from "../platform/errors.ts";
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
          try {
            return await createUser(ctx.db, { kind: "operator" }, cliActor, {
              ...input.data,
              orgId: org.id,
            });
          } catch (error) {
            // Domain errors carry a message meant for people; show the Chinese one.
            if (error instanceof DomainError) throw new Error(error.text["zh-CN"]);
            throw error;
          }
        });
        say(
          `已开设账号 ${created.user.username}（${created.user.displayName}），角色 ${opts.role}。`,
        );
        say(`一次性初始密码（仅显示这一次，首次登录须修改）：${created.oneTimePassword}`);
      },
    );
}
