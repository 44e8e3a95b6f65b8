import { type Actor, can } from "../../platform/auth/actor.ts";
import type { Permission } from "../../platform/auth/permissions.ts";
import { requirePermission } from "../../platform/auth/plugin.ts";
import { Forbidden, NotFound } from "../../platform/errors.ts";
import { pathInScope, scopeClause } from "../../platform/scope.ts";

/**
 * manage: the branch secretary runs meetings, returns material, opens and closes rounds.
 * oversee: a committee's secretary or discipline officer reads its subtree's records.
 * take: everyone with a member record fills their own self-review and votes.
 */
export const REVIEW_MANAGE: Permission = "review:manage";
export const REVIEW_OVERSEE: Permission = "review:oversee";
export const REVIEW_TAKE: Permission = "review:take";

export function authorize(actor: Actor, permission: Permission) {
  requirePermission(can(actor, permission));
}

export function authorizeRead(actor: Actor) {
  requirePermission(can(actor, REVIEW_MANAGE) || can(actor, REVIEW_OVERSEE));
}

/** A member's own actions need a member record behind the account. */
export function requireMember(actor: Actor): number {
  requirePermission(can(actor, REVIEW_TAKE));
  if (actor.memberId === null) {
    throw new Forbidden({
      "zh-CN": "当前账号未关联党员档案，不能参加对照检查或评议",
      "en-US": "This account is not linked to a member record",
    });
  }
  return actor.memberId;
}

/** Records a manager or an overseer may read: the union of both scopes. */
export function readScope(actor: Actor, column: string, params: unknown[]): string {
  return `(${scopeClause(actor, REVIEW_MANAGE, column, params)} OR ${scopeClause(actor, REVIEW_OVERSEE, column, params)})`;
}

/**
 * The one way a review repo finds a single record for the caller, in SQL like the lists: the
 * record's org (`column`) lies in the caller's manage scope, or in their manage or oversee
 * scope (`read`), or, with `own`, the record is the caller's own (`own` gets the placeholder
 * of the caller's member id). A record the caller does not reach is simply not found.
 */
export function reachClause(
  actor: Actor,
  scope: "manage" | "read" | null,
  column: string,
  params: unknown[],
  own?: (memberId: string) => string,
): string {
  const parts: string[] = [];
  if (scope === "manage") parts.push(scopeClause(actor, REVIEW_MANAGE, column, params));
  if (scope === "read") parts.push(readScope(actor, column, params));
  if (own && actor.memberId !== null) {
    params.push(actor.memberId);
    parts.push(own(`$${params.length}`));
  }
  return parts.length === 0 ? "false" : `(${parts.join(" OR ")})`;
}

/** What the caller may do with the record found, as two columns: `manage` and `oversee`. */
export function reachColumns(actor: Actor, column: string, params: unknown[]): string {
  const manage = scopeClause(actor, REVIEW_MANAGE, column, params);
  return `(${manage}) AS manage, (${manage} OR ${scopeClause(actor, REVIEW_OVERSEE, column, params)}) AS oversee`;
}

export function canManage(actor: Actor, orgPath: string): boolean {
  return pathInScope(actor, REVIEW_MANAGE, orgPath);
}

export const meetingNotFound = () => new NotFound({ "zh-CN": "会议", "en-US": "Meeting" });
export const selfReviewNotFound = () =>
  new NotFound({ "zh-CN": "对照检查材料", "en-US": "Self-review" });
export const rectificationNotFound = () =>
  new NotFound({ "zh-CN": "整改事项", "en-US": "Rectification item" });
export const roundNotFound = () => new NotFound({ "zh-CN": "评议", "en-US": "Evaluation round" });
export const orgNotFound = () => new NotFound({ "zh-CN": "党组织", "en-US": "Organization" });
