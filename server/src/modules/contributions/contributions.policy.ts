import { type Actor, can } from "../../platform/auth/actor.ts";
import type { Permission } from "../../platform/auth/permissions.ts";
import { requirePermission } from "../../platform/auth/plugin.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { Forbidden, InvalidState, NotFound } from "../../platform/errors.ts";
import { pathInScope } from "../../platform/scope.ts";
import { type MemberRef, ownMemberRef } from "../members/member-refs.ts";

/**
 * submit: a member tells of their own work; nobody submits for another.
 * review: the propaganda officer or secretary of the member's subtree accepts or returns it,
 *   and proposes 表彰 citing accepted works.
 * approve: the organization (the secretary) approves or declines a proposal it did not make.
 */
export const SUBMIT: Permission = "contributions:submit";
export const REVIEW: Permission = "contributions:review";
export const APPROVE: Permission = "commendations:approve";

export function authorize(actor: Actor, permission: Permission) {
  requirePermission(can(actor, permission));
}

export function mayReview(actor: Actor, orgPath: string): boolean {
  return pathInScope(actor, REVIEW, orgPath);
}

/** A proposal is decided by someone else than its proposer, who holds the approving grant. */
export function mayDecide(actor: Actor, c: { orgPath: string; proposedBy: number }): boolean {
  return actor.userId !== c.proposedBy && pathInScope(actor, APPROVE, c.orgPath);
}

/** The caller's own member record, or 403 saying why they have nothing to submit as. */
export async function requireSubmitter(db: Queryable, actor: Actor): Promise<MemberRef> {
  requirePermission(can(actor, SUBMIT));
  const me = await ownMemberRef(db, actor);
  if (!me) {
    throw new Forbidden({
      "zh-CN": "当前账号未关联党员档案，不能报送作品",
      "en-US": "This account is not linked to a member record",
    });
  }
  return me;
}

export const contributionNotFound = () =>
  new NotFound({ "zh-CN": "作品", "en-US": "Contribution" });
export const commendationNotFound = () =>
  new NotFound({ "zh-CN": "表彰", "en-US": "Commendation" });
export const orgNotFound = () => new NotFound({ "zh-CN": "党组织", "en-US": "Organization" });

const CONTRIBUTION_STATE_ZH = {
  pending: "待审核",
  accepted: "已采用",
  returned: "已退回",
  withdrawn: "已撤回",
};

/** 409 when the work is no longer waiting for review: someone acted on it first. */
export function requirePending(state: string) {
  if (state === "pending") return;
  const zh = CONTRIBUTION_STATE_ZH[state as keyof typeof CONTRIBUTION_STATE_ZH] ?? state;
  throw new InvalidState({
    "zh-CN": `该作品当前状态为「${zh}」，只有待审核的作品可以进行此操作`,
    "en-US": `The contribution is ${state}; only a pending one can be changed or reviewed`,
  });
}

export function requireProposed(state: string) {
  if (state === "proposed") return;
  throw new InvalidState({
    "zh-CN": `该表彰已${state === "approved" ? "批准" : "不予批准"}，不能再次审批`,
    "en-US": `The commendation was already ${state}`,
  });
}
