import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { BadInput, InvalidState, NotFound } from "../../platform/errors.ts";
import { toGrantView } from "./present.ts";
import { type Authority, refuseSelf, requireHolds } from "./users.policy.ts";
import { findGrant, revokeGrant, setGrantEnd, today } from "./users.repo.ts";
import type { EndGrantBody, GrantView } from "./users.schemas.ts";

const grantNotFound = () => new NotFound({ "zh-CN": "角色授权", "en-US": "Role grant" });

/**
 * 离任: ending a grant today (the default) stops it at once; a later endsOn keeps the role
 * through that day and it ends at the next midnight (China time). A grant that has not
 * started yet is cancelled instead. Rows are never deleted: who held which role
 * when is part of the record.
 */
export async function endGrant(
  db: Db,
  by: Authority,
  audit: AuditActor,
  userId: number,
  grantId: number,
  input: EndGrantBody,
): Promise<GrantView> {
  requireHolds(by, "grants:write");
  return withTx(db, async (tx) => {
    const grant = await findGrant(tx, by, userId, grantId, true);
    if (!grant) throw grantNotFound();
    refuseSelf(by, userId);
    if (grant.status === "ended" || grant.status === "revoked") {
      throw new InvalidState(
        { "zh-CN": "该角色授权已经终止", "en-US": "This grant has already ended" },
        "grant_ended",
      );
    }
    const todayIs = await today(tx);
    const endsOn = input?.endsOn ?? todayIs;
    if (endsOn < todayIs) {
      throw new BadInput("endsOn", {
        "zh-CN": "离任日期不能早于今天",
        "en-US": "The end date cannot be in the past",
      });
    }
    const base = { userId, role: grant.role, orgId: grant.org_id };
    if (grant.status === "scheduled") {
      await revokeGrant(tx, grant.id);
      await recordAudit(tx, audit, {
        action: "grant.revoke",
        entityType: "role_grant",
        entityId: grant.id,
        orgPath: grant.org_path,
        before: { ...base, startsOn: grant.starts_on, endsOn: grant.ends_on },
        after: { ...base, revoked: true },
      });
    } else {
      // A grant already due to end today can still be ended now rather than at midnight.
      if (grant.ends_on !== null && grant.ends_on <= endsOn && endsOn > todayIs) {
        throw new InvalidState(
          {
            "zh-CN": `该角色授权已定于 ${grant.ends_on} 离任`,
            "en-US": `This grant already ends on ${grant.ends_on}`,
          },
          "grant_ending",
        );
      }
      await setGrantEnd(tx, grant.id, endsOn);
      await recordAudit(tx, audit, {
        action: "grant.end",
        entityType: "role_grant",
        entityId: grant.id,
        orgPath: grant.org_path,
        before: { ...base, endsOn: grant.ends_on },
        after: { ...base, endsOn },
      });
    }
    const ended = await findGrant(tx, by, userId, grant.id);
    if (!ended) throw grantNotFound();
    return toGrantView(ended);
  });
}
