import type { AppContext } from "../../../platform/context.ts";
import { type Queryable, withTx } from "../../../platform/db/pool.ts";
import { scheduleJob } from "../../../platform/jobs/schedule.ts";
import { usersOfMembers } from "../../notifications/notifications.repo.ts";
import { notifyUsers } from "../../notifications/send-notification.ts";
import { caseRecipients } from "../core/case-deadlines.ts";
import { type CaseRow, findCase } from "../core/cases.repo.ts";
import { caseSystemActor } from "../core/filer-actor.ts";
import { findDiscipline } from "./discipline.repo.ts";
import { takeStep } from "./discipline-steps.ts";

export const DISCIPLINE_DEADLINE_JOB = "discipline.deadline";
export interface DisciplineDeadline {
  caseId: number;
  kind: "defence" | "appeal";
}

/**
 * The member hears of their case from the system, never from a named handler, so the inbox
 * holds no trace of who opened or handled it.
 */
export async function tellMember(tx: Queryable, c: CaseRow, title: string) {
  if (!c.subjectMemberId) return;
  await notifyUsers(tx, caseSystemActor, await usersOfMembers(tx, [c.subjectMemberId]), {
    kind: "discipline.member",
    title,
    link: `/my-discipline/${c.id}`,
    sourceType: "case",
    sourceId: c.id,
    orgPath: c.orgPath,
  });
}

/** The case's handler, or the handlers of `orgPath` (an appeal goes to the level above). */
export async function tellHandlers(
  tx: Queryable,
  c: CaseRow,
  orgPath: string,
  title: string,
  toHandler = true,
) {
  const to =
    toHandler && c.handlerUserId ? [c.handlerUserId] : await caseRecipients(tx, c, orgPath);
  await notifyUsers(tx, caseSystemActor, to, {
    kind: "discipline.handler",
    title,
    link: `/discipline/${c.id}`,
    sourceType: "case",
    sourceId: c.id,
    orgPath: c.orgPath,
  });
}

/** 09:00 Beijing on the day after `date`: the first morning the period is over. */
function morningAfter(date: string): Date {
  return new Date(Date.parse(`${date}T09:00:00+08:00`) + 86_400_000);
}

export async function scheduleDisciplineDeadline(
  tx: Queryable,
  caseId: number,
  kind: DisciplineDeadline["kind"],
  due: string,
) {
  await scheduleJob(
    tx,
    DISCIPLINE_DEADLINE_JOB,
    { caseId, kind },
    {
      runAt: morningAfter(due),
      jobKey: `discipline:${caseId}:${kind}`,
    },
  );
}

/**
 * The morning after a period ends. Defence: the handler learns a decision may now be made
 * (nothing changes state: silence is not an answer). Appeal: a decision nobody appealed
 * becomes final and the case closes. A case that moved on is left alone.
 */
export async function runDisciplineDeadline(ctx: AppContext, p: DisciplineDeadline) {
  return withTx(ctx.db, async (tx) => {
    const c = await findCase(tx, p.caseId, true);
    const d = c?.caseType === "discipline" ? await findDiscipline(tx, p.caseId) : null;
    if (!c || !d) return "skipped";
    if (p.kind === "defence" && c.state === "notified") {
      await tellHandlers(
        tx,
        c,
        c.orgPath,
        `纪律审查案件 ${c.number} 陈述申辩期限已届满，党员未陈述申辩，可依规作出处理决定`,
      );
      return "reminded";
    }
    if (p.kind === "appeal" && c.state === "decided" && d.appealDueOn) {
      const today =
        (await tx.query<{ d: string }>("SELECT cn_today()::text AS d")).rows[0]?.d ?? "";
      if (today <= d.appealDueOn) return "skipped";
      await takeStep(
        tx,
        ctx,
        { c, d },
        {
          step: "finalize",
          party: "system",
          actorUserId: null,
          audit: caseSystemActor,
          record: { appealDueOn: d.appealDueOn },
          toMember: true,
        },
      );
      await tellMember(tx, c, `纪律审查案件 ${c.number} 申诉期限已届满，处理决定生效`);
      return "finalized";
    }
    return "skipped";
  });
}
