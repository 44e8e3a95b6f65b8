import { type Actor, can } from "../../platform/auth/actor.ts";
import type { Permission } from "../../platform/auth/permissions.ts";
import { requirePermission } from "../../platform/auth/plugin.ts";
import { NotFound } from "../../platform/errors.ts";
import { pathInScope } from "../../platform/scope.ts";
import type { Member } from "./members.schemas.ts";

/** The permission each member action needs; where it applies is the repo's scope clause. */
export const MEMBER_ACTIONS = {
  list: "members:read",
  read: "members:read",
  create: "members:write",
  edit: "members:write",
  transfer: "members:write",
  archive: "members:write",
  reveal: "members:reveal",
  readSelf: "self:read",
} as const satisfies Record<string, Permission>;

export type MemberAction = keyof typeof MEMBER_ACTIONS;

/** Refuses (403) a caller whose roles lack the action's permission everywhere. */
export function authorize(actor: Actor, action: MemberAction) {
  requirePermission(can(actor, MEMBER_ACTIONS[action]));
}

export function memberAbilities(
  actor: Actor,
  member: { orgPath: string; archivedAt: string | null },
  account: Member["account"],
): Member["can"] {
  const active = member.archivedAt === null;
  const writable = active && pathInScope(actor, MEMBER_ACTIONS.edit, member.orgPath);
  return {
    edit: writable,
    transfer: writable,
    archive: writable,
    reveal: pathInScope(actor, MEMBER_ACTIONS.reveal, member.orgPath),
    openAccount:
      active && account === "none" && pathInScope(actor, "members:accounts", member.orgPath),
  };
}

/**
 * Who sees a member's full birth date: whoever keeps the record (members:write over its org)
 * and the member. Others need an age, so they get the year: the date beside the region and
 * gender would narrow the ID number to 500 candidates, the year leaves 180,000.
 */
export function seesBirthDate(actor: Actor, member: { id: number; orgPath: string }): boolean {
  return actor.memberId === member.id || pathInScope(actor, MEMBER_ACTIONS.edit, member.orgPath);
}

export const memberNotFound = () => new NotFound({ "zh-CN": "党员", "en-US": "Member" });
export const orgNotFound = () => new NotFound({ "zh-CN": "党组织", "en-US": "Organization" });
