import { type Actor, can } from "../../platform/auth/actor.ts";
import type { Permission } from "../../platform/auth/permissions.ts";
import { requirePermission } from "../../platform/auth/plugin.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { Forbidden, NotFound } from "../../platform/errors.ts";
import { type MemberRef, ownMemberRef } from "../members/member-refs.ts";

/**
 * declare: a cadre keeps their own entries (Art 18-20 bind 党员干部 only, so the member record
 * must carry the cadre flag the secretary sets in the roster).
 * oversee: secretaries and discipline officers read their subtree's entries.
 * manage: secretaries open attestation campaigns for their subtree.
 */
export const REGISTRY_DECLARE: Permission = "registry:declare";
export const REGISTRY_OVERSEE: Permission = "registry:oversee";
export const REGISTRY_MANAGE: Permission = "registry:manage";

export function authorize(actor: Actor, permission: Permission) {
  requirePermission(can(actor, permission));
}

/** The caller's own cadre record, or 403 saying why this is not theirs to fill. */
export async function requireCadre(db: Queryable, actor: Actor): Promise<MemberRef> {
  requirePermission(can(actor, REGISTRY_DECLARE));
  const me = await ownMemberRef(db, actor);
  if (!me) {
    throw new Forbidden({
      "zh-CN": "当前账号未关联党员档案，不能登记",
      "en-US": "This account is not linked to a member record",
    });
  }
  if (!me.isCadre) {
    throw new Forbidden({
      "zh-CN": "本登记只由党员干部填写；如您是党员干部，请联系党支部书记在名册中标注",
      "en-US": "Only cadres keep this register; ask your secretary to mark you as a cadre",
    });
  }
  return me;
}

export const accountNotFound = () => new NotFound({ "zh-CN": "公众账号登记", "en-US": "Account" });
export const campaignNotFound = () =>
  new NotFound({ "zh-CN": "确认活动", "en-US": "Attestation campaign" });
export const orgNotFound = () => new NotFound({ "zh-CN": "党组织", "en-US": "Organization" });
