import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { ROLE_PERMISSIONS, ROLES } from "../../platform/auth/permissions.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { BadInput, NotFound } from "../../platform/errors.ts";
import { memberRefsByIds } from "../members/member-refs.ts";
import { notifyUsers } from "../notifications/send-notification.ts";
import { roleHoldersOver } from "../users/role-holders.ts";
import { insertCommendation } from "./commendations.repo.ts";
import { APPROVE, authorize, REVIEW } from "./contributions.policy.ts";
import { acceptedOf } from "./contributions.repo.ts";
import { type Commendation, LEVEL_TEXT, type ProposeBody } from "./contributions.schemas.ts";
import { presentCommendation } from "./present-commendation.ts";

const APPROVERS = ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(APPROVE));

/**
 * An officer proposes a 表彰 for a member of their subtree (Art 23), citing works of theirs
 * that were accepted: the proposal rests on what the member reported and the org accepted,
 * nothing else. The organization approves it in a second step, by someone else.
 */
export async function proposeCommendation(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  body: ProposeBody,
): Promise<Commendation> {
  authorize(actor, REVIEW);
  return withTx(db, async (tx) => {
    const [member] = await memberRefsByIds(tx, actor, REVIEW, [body.memberId]);
    if (!member) {
      throw new NotFound({ "zh-CN": "党员", "en-US": "Member" });
    }
    const ids = [...new Set(body.contributionIds)];
    const works = await acceptedOf(tx, actor, member.id, ids);
    if (works.length !== ids.length) {
      throw new BadInput("contributionIds", {
        "zh-CN": "只能引用该党员已被采用的作品",
        "en-US": "Cite only this member's accepted contributions",
      });
    }
    const id = await insertCommendation(
      tx,
      member,
      body,
      works.map((w) => w.id),
      actor.userId,
    );
    await recordAudit(tx, audit, {
      action: "commendation.propose",
      entityType: "commendation",
      entityId: id,
      orgPath: member.orgPath,
      after: { ...body, contributionIds: works.map((w) => w.id) },
    });
    const c = await presentCommendation(tx, actor, id);
    // Those who may approve it, nearest the member first, never the proposer: a proposal
    // nobody hears of waits forever.
    const holders = (await roleHoldersOver(tx, APPROVERS, member.orgPath)).filter(
      (h) => h.userId !== actor.userId,
    );
    const nearest = holders.filter((h) => h.levelsUp === holders[0]?.levelsUp);
    await notifyUsers(
      tx,
      audit,
      nearest.map((h) => h.userId),
      {
        kind: "commendation.proposed",
        title: `表彰建议待审批：${c.title}`,
        body: `${c.member.name}（${c.orgName}），${LEVEL_TEXT[c.level]}表彰，由${c.proposedBy}提出。`,
        link: "/commendations",
        sourceType: "commendation",
        sourceId: id,
        orgPath: member.orgPath,
      },
    );
    return c;
  });
}
