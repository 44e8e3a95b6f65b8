import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { memberNames } from "../../members/member-refs.ts";
import { requireManagedOrg, requireTaker } from "../study.policy.ts";
import { branchPoints, rankingsEnabled, saveSettings } from "./practice.repo.ts";

export async function getSettings(db: Db, actor: Actor, orgId: number) {
  const org = await requireManagedOrg(db, actor, orgId);
  return { orgId: org.id, rankingsEnabled: await rankingsEnabled(db, org.id) };
}

/** Rankings are each organization's choice and off until it turns them on. */
export async function updateSettings(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  orgId: number,
  enabled: boolean,
) {
  const org = await requireManagedOrg(db, actor, orgId);
  return withTx(db, async (tx) => {
    await saveSettings(tx, org.id, enabled, actor.userId);
    await recordAudit(tx, audit, {
      action: "study.settings.update",
      entityType: "org",
      entityId: org.id,
      orgPath: org.path,
      after: { rankingsEnabled: enabled },
    });
    return { orgId: org.id, rankingsEnabled: enabled };
  });
}

/**
 * The caller's own branch's 30-day points ranking. A branch that has not turned rankings on
 * answers `enabled: false` with no names: a normal state of the practice page, not an error.
 */
export async function branchRanking(db: Db, actor: Actor) {
  const member = await requireTaker(db, actor);
  if (!(await rankingsEnabled(db, member.orgId))) {
    return { orgId: member.orgId, orgName: member.orgName, enabled: false, items: [] };
  }
  const points = await branchPoints(db, member.orgPath);
  const names = await memberNames(
    db,
    points.map((p) => p.memberId),
  );
  return {
    orgId: member.orgId,
    orgName: member.orgName,
    enabled: true,
    items: points.map((p, i) => ({
      rank: i + 1,
      name: names.get(p.memberId) ?? "",
      points: p.points,
    })),
  };
}
