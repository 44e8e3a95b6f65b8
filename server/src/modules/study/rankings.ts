import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { InvalidState } from "../../platform/errors.ts";
import { memberNames } from "../members/member-refs.ts";
import { branchPoints, rankingsEnabled, saveSettings } from "./practice.repo.ts";
import { requireManagedOrg, requireTaker } from "./study.policy.ts";

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

/** The caller's own branch's 30-day points ranking, if the branch has turned rankings on. */
export async function branchRanking(db: Db, actor: Actor) {
  const member = await requireTaker(db, actor);
  if (!(await rankingsEnabled(db, member.orgId))) {
    throw new InvalidState(
      {
        "zh-CN": "本支部未开启学习积分排行",
        "en-US": "Your branch has not turned on study rankings",
      },
      "study_rankings_off",
    );
  }
  const points = await branchPoints(db, member.orgPath);
  const names = await memberNames(
    db,
    points.map((p) => p.memberId),
  );
  return {
    orgId: member.orgId,
    orgName: member.orgName,
    items: points.map((p, i) => ({
      rank: i + 1,
      name: names.get(p.memberId) ?? "",
      points: p.points,
    })),
  };
}
