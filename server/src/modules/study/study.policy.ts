import { type Actor, can } from "../../platform/auth/actor.ts";
import type { Permission } from "../../platform/auth/permissions.ts";
import { requirePermission } from "../../platform/auth/plugin.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { Forbidden, NotFound } from "../../platform/errors.ts";
import { pathInScope } from "../../platform/scope.ts";
import { type MemberRef, ownMemberRef } from "../members/member-refs.ts";
import { getOrg } from "../orgs/get-org.ts";

/** Managing study (bank, materials, campaigns, results) and taking it are separate codes. */
export const MANAGE: Permission = "study:manage";
export const TAKE: Permission = "study:take";

export function authorizeManage(actor: Actor) {
  requirePermission(can(actor, MANAGE));
}

/** A taker is a user linked to an active member record; study is about that member. */
export async function requireTaker(db: Queryable, actor: Actor): Promise<MemberRef> {
  requirePermission(can(actor, TAKE));
  const member = await ownMemberRef(db, actor);
  if (!member) {
    throw new Forbidden({
      "zh-CN": "您的账号未关联党员档案，无法参加学习",
      "en-US": "Your account is not linked to a member record, so there is nothing to study",
    });
  }
  return member;
}

/** An org the caller manages study for; anything else is "not found", not a hint it exists. */
export async function requireManagedOrg(db: Queryable, actor: Actor, orgId: number) {
  authorizeManage(actor);
  const org = await getOrg(db, actor, orgId).catch(() => null);
  if (!org || !pathInScope(actor, MANAGE, org.path)) throw orgNotFound();
  return { id: org.id, path: org.path, name: org.name };
}

export function campaignAbilities(
  actor: Actor,
  c: { orgPath: string; status: string; sittings: number },
) {
  const manages = pathInScope(actor, MANAGE, c.orgPath);
  return {
    edit: manages && c.status === "draft",
    publish: manages && c.status === "draft",
    withdraw: manages && c.status === "published" && c.sittings === 0,
    results: manages && c.status !== "draft" && c.status !== "withdrawn",
  };
}

export const orgNotFound = () => new NotFound({ "zh-CN": "党组织", "en-US": "Organization" });
export const campaignNotFound = () => new NotFound({ "zh-CN": "专题学习", "en-US": "Campaign" });
export const questionNotFound = () => new NotFound({ "zh-CN": "试题", "en-US": "Question" });
export const materialNotFound = () => new NotFound({ "zh-CN": "学习资料", "en-US": "Material" });
export const attemptNotFound = () => new NotFound({ "zh-CN": "答卷", "en-US": "Exam paper" });
