import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { BadInput, Conflict } from "../../platform/errors.ts";
import { activeMembersOf } from "../members/member-directory.ts";
import { notifyMembers } from "../notifications/send-notification.ts";
import { findMemberHomes } from "../orgs/member-homes.ts";
import { insertRound } from "./evaluation.repo.ts";
import type { RoundDetail } from "./evaluation.schemas.ts";
import { getRound } from "./get-round.ts";
import { authorize, orgNotFound, REVIEW_MANAGE } from "./review.policy.ts";

/** Opens the year's 民主评议党员 of an org: every active member is evaluated. */
export async function openRound(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  body: { orgId: number; year: number },
): Promise<RoundDetail> {
  authorize(actor, REVIEW_MANAGE);
  return withTx(db, async (tx) => {
    const org = (await findMemberHomes(tx, actor, REVIEW_MANAGE, [body.orgId])).get(body.orgId);
    if (!org || org.archived) throw orgNotFound();
    const people = await activeMembersOf(tx, org.path);
    if (people.length < 2) {
      throw new BadInput("orgId", {
        "zh-CN": "民主评议至少需要两名党员",
        "en-US": "An evaluation needs at least two members",
      });
    }
    const id = await insertRound(
      tx,
      { orgId: org.id, orgPath: org.path, orgName: org.name, year: body.year },
      people,
      actor.userId,
    );
    if (id === null) {
      throw new Conflict(
        {
          "zh-CN": `${org.name}${body.year}年度的民主评议已经开始`,
          "en-US": `${body.year}'s evaluation of this organization already exists`,
        },
        "year",
        "round_exists",
      );
    }
    await recordAudit(tx, audit, {
      action: "evaluation.round.open",
      entityType: "evaluation_round",
      entityId: id,
      orgPath: org.path,
      after: { ...body, members: people.length },
    });
    await notifyMembers(
      tx,
      audit,
      people.map((p) => p.id),
      {
        kind: "review.evaluation",
        title: `${body.year}年度民主评议党员已开始`,
        body: "请撰写个人总结并提出自评等次，对其他党员进行无记名投票。",
        link: `/review/rounds/${id}`,
        sourceType: "evaluation_round",
        sourceId: String(id),
        orgPath: org.path,
      },
    );
    return getRound(tx, actor, id);
  });
}
