import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import { isAdminRole } from "../../platform/auth/permissions.ts";
import { requireSecondFactor } from "../../platform/auth/sessions.ts";
import { type Db, type Queryable, withTx } from "../../platform/db/pool.ts";
import { BadInput, Conflict, Forbidden, InvalidState, NotFound } from "../../platform/errors.ts";
import { lookupOrg } from "../orgs/lookup-org.ts";
import { userNotFound } from "./get-user.ts";
import { toGrantView } from "./present.ts";
import {
  type Authority,
  reaches,
  refuseAdminGrantByUser,
  refuseMixedRoles,
  refuseSelf,
  requireHolds,
} from "./users.policy.ts";
import {
  findGrant,
  findVisibleUser,
  hasLiveGrant,
  heldRoles,
  insertGrant,
  today,
} from "./users.repo.ts";
import type { GrantRoleBody, GrantView } from "./users.schemas.ts";

export const orgNotFound = (field = "orgId") =>
  new NotFound({ "zh-CN": `组织（${field}）`, "en-US": `Organization (${field})` });

/**
 * Grants `role` at an org node; it reaches the node's subtree from startsOn through endsOn.
 * Callers hold the target user's row lock, so two grants to one person are judged in turn
 * and cannot together break 三员分立.
 */
export async function grantRoleInTx(
  tx: Queryable,
  by: Authority,
  audit: AuditActor,
  userId: number,
  input: GrantRoleBody,
): Promise<number> {
  refuseSelf(by, userId);
  refuseAdminGrantByUser(by, input.role);
  const org = await lookupOrg(tx, { id: input.orgId });
  if (!org || !reaches(by, "orgs:read", org.path)) throw orgNotFound();
  if (!reaches(by, "grants:write", org.path)) {
    throw new Forbidden({
      "zh-CN": `您无权在「${org.name}」授予角色`,
      "en-US": `You may not grant roles at ${org.name}`,
    });
  }
  if (org.archived) {
    throw new InvalidState({
      "zh-CN": `「${org.name}」已撤销，不能在此授予角色`,
      "en-US": `${org.name} is archived; roles cannot be granted there`,
    });
  }
  const todayIs = await today(tx);
  const startsOn = input.startsOn ?? todayIs;
  const endsOn = input.endsOn ?? null;
  if (endsOn !== null && (endsOn < startsOn || endsOn < todayIs)) {
    throw new BadInput("endsOn", {
      "zh-CN": "离任日期不能早于任职开始日期或今天",
      "en-US": "The end date cannot be before the start date or today",
    });
  }
  refuseMixedRoles(await heldRoles(tx, userId), input.role);
  if (await hasLiveGrant(tx, userId, input.role, org.id)) {
    throw new Conflict(
      {
        "zh-CN": `该用户已在「${org.name}」担任此角色`,
        "en-US": `This user already holds this role at ${org.name}`,
      },
      "role",
      "duplicate",
    );
  }
  const grantedBy = by.kind === "user" ? by.actor.userId : null;
  const grantId = await insertGrant(tx, {
    userId,
    role: input.role,
    orgId: org.id,
    startsOn,
    endsOn,
    grantedBy,
  });
  await recordAudit(tx, audit, {
    action: "grant.create",
    entityType: "role_grant",
    entityId: grantId,
    orgPath: org.path,
    after: { userId, role: input.role, orgId: org.id, startsOn, endsOn },
  });
  // Re-checked at grant time: a session signed in without a second factor loses its way in
  // now. A scheduled grant is caught by the request gate on the day it starts.
  if (isAdminRole(input.role) && startsOn <= todayIs) await requireSecondFactor(tx, userId);
  return grantId;
}

export async function grantRole(
  db: Db,
  by: Authority,
  audit: AuditActor,
  userId: number,
  input: GrantRoleBody,
): Promise<GrantView> {
  requireHolds(by, "grants:write");
  return withTx(db, async (tx) => {
    if (!(await findVisibleUser(tx, by, userId, true))) throw userNotFound();
    const grantId = await grantRoleInTx(tx, by, audit, userId, input);
    const row = await findGrant(tx, by, userId, grantId);
    if (!row) throw new Error(`grant ${grantId} not visible right after its creation`);
    return toGrantView(row);
  });
}
