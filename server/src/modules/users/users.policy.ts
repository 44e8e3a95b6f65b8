import type { Actor } from "../../platform/auth/actor.ts";
import { can } from "../../platform/auth/actor.ts";
import { isAdminRole, type Permission, type Role } from "../../platform/auth/permissions.ts";
import { Conflict, DomainError, Forbidden } from "../../platform/errors.ts";
import { pathInScope } from "../../platform/scope.ts";

/**
 * Who is acting on accounts: a signed-in security administrator, limited to their subtree,
 * or the operator at the server's command line (`wanggui user create`), who already holds
 * the database and the field key and so is not limited by scope.
 */
export type Authority = { kind: "user"; actor: Actor } | { kind: "operator" };

export function reaches(by: Authority, permission: Permission, orgPath: string): boolean {
  return by.kind === "operator" || pathInScope(by.actor, permission, orgPath);
}

export function holds(by: Authority, permission: Permission): boolean {
  return by.kind === "operator" || can(by.actor, permission);
}

export function requireHolds(by: Authority, permission: Permission) {
  if (!holds(by, permission)) throw new Forbidden();
}

/** The account as the rules see it: its home org, the orgs and roles of its live grants. */
export interface AccountReach {
  userId: number;
  orgPath: string | null;
  livePaths: string[];
  liveRoles: Role[];
}

/**
 * Managing an account (disable, reset password) touches every power it holds, so the caller
 * must reach its home org and every live grant. Otherwise a security administrator of one
 * county could reset the password of a city-level administrator homed in that county.
 * An administrator's account (三员) is managed only by the operator at the command line: a
 * security administrator who could reset the auditor's password could sign in as the auditor.
 */
export function canManageAccount(by: Authority, account: AccountReach): boolean {
  if (by.kind === "user" && by.actor.userId === account.userId) return false;
  if (by.kind === "user" && account.liveRoles.some(isAdminRole)) return false;
  const paths = [...(account.orgPath ? [account.orgPath] : []), ...account.livePaths];
  return paths.length > 0 && paths.every((p) => reaches(by, "users:write", p));
}

/** Refuses with a reason a person can act on: an administrator's account is the operator's. */
export function requireCanManage(by: Authority, account: AccountReach) {
  if (by.kind === "user" && account.liveRoles.some(isAdminRole)) {
    throw new DomainError(403, "admin_account_by_operator", {
      "zh-CN":
        "管理员账号的密码重置与停用由服务器运维人员在命令行办理（wanggui user reset-password / disable），以免一名管理员接管另一名管理员的账号",
      "en-US":
        "Administrator accounts are reset or disabled by the operator at the command line (wanggui user reset-password / disable), so no administrator can take over another",
    });
  }
  if (!canManageAccount(by, account)) throw new Forbidden();
}

/** An administrator's account takes no further roles from a user (roles are held alone). */
export function canGrantTo(by: Authority, account: AccountReach): boolean {
  if (by.kind === "operator") return true;
  return (
    can(by.actor, "grants:write") &&
    by.actor.userId !== account.userId &&
    !account.liveRoles.some(isAdminRole)
  );
}

export function abilities(by: Authority, account: AccountReach) {
  return { manage: canManageAccount(by, account), grant: canGrantTo(by, account) };
}

/** Nobody changes their own account or powers through administration: 三员分立 begins here. */
export function refuseSelf(by: Authority, userId: number) {
  if (by.kind === "user" && by.actor.userId === userId) {
    throw new Forbidden({
      "zh-CN": "不能对本人账号进行授权或管理操作，请由其他安全管理员办理",
      "en-US":
        "You cannot administer your own account or roles; ask another security administrator",
    });
  }
}

/**
 * 三员分立: an administrator role is held alone. The system, security and audit administrator
 * are three different people, and none of them also holds a business role (secretary,
 * member ...), whose data their administrator powers would let them reach around the rules.
 * Holding the same admin role at a second org is fine.
 */
export function refuseMixedRoles(held: readonly Role[], role: Role) {
  const clash = isAdminRole(role) ? held.find((r) => r !== role) : held.find((r) => isAdminRole(r));
  if (!clash) return;
  throw new Conflict(
    {
      "zh-CN": `该用户已担任${ROLE_NAMES[clash]}，按三员分立要求管理员角色须单独担任，不能再授予${ROLE_NAMES[role]}`,
      "en-US": `This user already holds ${clash}; separation of duties keeps administrator roles alone, so ${role} cannot be granted`,
    },
    "role",
    "separation_of_duties",
  );
}

/**
 * Administrator roles are granted only by the operator at the server's command line
 * (`wanggui user create --role ...`). A security administrator who could grant one could
 * open an account, learn its one-time password and make themselves an auditor.
 */
export function refuseAdminGrantByUser(by: Authority, role: Role) {
  if (by.kind !== "user" || !isAdminRole(role)) return;
  throw new DomainError(403, "admin_role_by_operator", {
    "zh-CN": `${ROLE_NAMES[role]}由服务器运维人员在命令行开设和授权（wanggui user create），不能在系统内授予`,
    "en-US": `The ${role} role is granted by the operator at the command line (wanggui user create), not in the app`,
  });
}

const ROLE_NAMES: Record<Role, string> = {
  member: "党员",
  secretary: "党组织书记",
  discipline_officer: "纪检干部",
  propaganda_officer: "宣传干部",
  system_admin: "系统管理员",
  security_admin: "安全管理员",
  audit_admin: "安全审计员",
};
