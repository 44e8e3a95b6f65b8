import type { Actor } from "../../platform/auth/actor.ts";
import { can } from "../../platform/auth/actor.ts";
import { isAdminRole, type Permission, type Role } from "../../platform/auth/permissions.ts";
import { Conflict, Forbidden } from "../../platform/errors.ts";
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

/** The account as the rules see it: its home org and the orgs of the grants still in force. */
export interface AccountReach {
  userId: number;
  orgPath: string | null;
  livePaths: string[];
}

/**
 * Managing an account (disable, reset password) touches every power it holds, so the caller
 * must reach its home org and every live grant. Otherwise a security administrator of one
 * county could reset the password of a city-level administrator homed in that county.
 */
export function canManageAccount(by: Authority, account: AccountReach): boolean {
  if (by.kind === "user" && by.actor.userId === account.userId) return false;
  const paths = [...(account.orgPath ? [account.orgPath] : []), ...account.livePaths];
  return paths.length > 0 && paths.every((p) => reaches(by, "users:write", p));
}

export function canGrantTo(by: Authority, userId: number): boolean {
  return holds(by, "grants:write") && !(by.kind === "user" && by.actor.userId === userId);
}

export function abilities(by: Authority, account: AccountReach) {
  return { manage: canManageAccount(by, account), grant: canGrantTo(by, account.userId) };
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
 * 三员分立: the system, security and audit administrator roles are held by three different
 * people. Holding the same admin role at a second org is fine; a second kind is not.
 */
export function refuseSecondAdminRole(held: readonly Role[], role: Role) {
  if (!isAdminRole(role)) return;
  const other = held.find((r) => isAdminRole(r) && r !== role);
  if (other) {
    throw new Conflict(
      {
        "zh-CN": `该用户已担任${ADMIN_ROLE_NAMES[other]}，按三员分立要求不能再授予${ADMIN_ROLE_NAMES[role]}`,
        "en-US": `This user already holds ${other}; separation of duties forbids also granting ${role}`,
      },
      "role",
      "separation_of_duties",
    );
  }
}

const ADMIN_ROLE_NAMES: Partial<Record<Role, string>> = {
  system_admin: "系统管理员",
  security_admin: "安全管理员",
  audit_admin: "安全审计员",
};
