import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { BadInput, Conflict } from "../../../platform/errors.ts";
import { activeMembersOf } from "../../members/member-directory.ts";
import { notifyMembers } from "../../notifications/send-notification.ts";
import { findMemberHomes } from "../../orgs/member-homes.ts";
import { authorize, orgNotFound, REVIEW_MANAGE } from "../review.policy.ts";
import { insertRound } from "./evaluation.repo.ts";
import type { OpenRoundBody, RoundDetail } from "./evaluation.schemas.ts";
import { getRound } from "./get-round.ts";

/** Opens the year's 民主评议党员 of an org: every active member is evaluated. */
export async function openRound(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  body: OpenRoundBody,
): Promise<RoundDetail> {
  authorize(actor, REVIEW_MANAGE);
  requirePhaseOrder(body);
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
      { ...body, orgId: org.id, orgPath: org.path, orgName: org.name },
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
        body: body.summaryDue
          ? `请于${body.summaryDue}前撰写个人总结并提出自评等次，于${body.voteDue}前对其他党员进行无记名投票。`
          : "请撰写个人总结并提出自评等次，对其他党员进行无记名投票。",
        link: `/review/rounds/${id}`,
        sourceType: "evaluation_round",
        sourceId: String(id),
        orgPath: org.path,
      },
    );
    return getRound(tx, actor, id);
  });
}

/** 个人总结 ends before 投票, 投票 before 评定; a date may be left out only with those after it. */
function requirePhaseOrder(body: OpenRoundBody) {
  const steps = [
    ["summaryDue", body.summaryDue, "个人总结", "self-assessment"],
    ["voteDue", body.voteDue, "投票", "voting"],
    ["decideDue", body.decideDue, "评定", "decision"],
  ] as const;
  const given = steps.filter((s) => s[1] !== undefined);
  if (given.length > 0 && given.length < steps.length) {
    const missing = steps.find((s) => s[1] === undefined) as (typeof steps)[number];
    throw new BadInput(missing[0], {
      "zh-CN": `请填写${missing[2]}截止日期`,
      "en-US": `Give the last day of ${missing[3]}`,
    });
  }
  for (let i = 1; i < given.length; i++) {
    const [field, date, zh, en] = given[i] as (typeof steps)[number];
    const [, before, zhBefore, enBefore] = given[i - 1] as (typeof steps)[number];
    if ((date as string) < (before as string)) {
      throw new BadInput(field, {
        "zh-CN": `${zh}截止日期不能早于${zhBefore}截止日期（${before}）`,
        "en-US": `The last day of ${en} cannot be before that of ${enBefore} (${before})`,
      });
    }
  }
}
