import { recordAudit } from "../../../platform/audit/record.ts";
import type { AppContext } from "../../../platform/context.ts";
import { type Queryable, withTx } from "../../../platform/db/pool.ts";
import { scheduleJob } from "../../../platform/jobs/schedule.ts";
import { usersOfMembers } from "../../notifications/notifications.repo.ts";
import { notifyUsers } from "../../notifications/send-notification.ts";
import { nearestRoleHolders } from "../../users/role-holders.ts";
import { MACHINES } from "../case-types.ts";
import { insertEvent } from "./case-events.repo.ts";
import { type CaseRow, findCase } from "./cases.repo.ts";
import { caseSystemActor } from "./filer-actor.ts";
import { parentPath } from "./org-path.ts";

export const CASE_DEADLINE_JOB = "cases.deadline";
const HANDLER_ROLES = ["secretary", "discipline_officer"] as const;

type Kind = "ack" | "feedback";
type Stage = "remind" | "escalate";
export interface DeadlinePayload {
  caseId: number;
  kind: Kind;
  stage: Stage;
}

const DAY = 86_400_000;
/** 09:00 Beijing time on `date` plus `days`. */
function morningOf(date: string, days: number): Date {
  return new Date(Date.parse(`${date}T09:00:00+08:00`) + days * DAY);
}

/** Queues the reminders before and the escalations after both deadlines of a new case. */
export async function scheduleDeadlines(
  tx: Queryable,
  caseId: number,
  ackDueOn: string,
  feedbackDueOn: string,
) {
  const plan: [Kind, Stage, Date][] = [
    ["ack", "remind", morningOf(ackDueOn, -2)],
    ["ack", "escalate", morningOf(ackDueOn, 1)],
    ["feedback", "remind", morningOf(feedbackDueOn, -7)],
    ["feedback", "escalate", morningOf(feedbackDueOn, 1)],
  ];
  for (const [kind, stage, runAt] of plan) {
    await scheduleJob(
      tx,
      CASE_DEADLINE_JOB,
      { caseId, kind, stage },
      {
        runAt,
        jobKey: `case:${caseId}:${kind}:${stage}`,
      },
    );
  }
}

/** Handlers to tell about a case, leaving out anyone named in it. */
export async function caseRecipients(
  db: Queryable,
  c: CaseRow,
  orgPath: string,
): Promise<number[]> {
  const holders = await nearestRoleHolders(db, HANDLER_ROLES, orgPath);
  const named = c.subjectMemberId ? await usersOfMembers(db, [c.subjectMemberId]) : [];
  const free = holders.filter((id) => !named.includes(id));
  // When the only handlers there are named in the case, it goes to the level above.
  const up = parentPath(orgPath);
  return free.length > 0 || up === orgPath ? free : caseRecipients(db, c, up);
}

/**
 * A deadline job: does nothing when the case has moved past what the deadline waits for;
 * otherwise reminds the handler (or the org's handlers), or, once the date has passed,
 * escalates to the parent org and records it in the case's history. `today` is passed in by
 * tests to run the clock forward; in production it is today's date in Beijing.
 */
export async function runCaseDeadline(
  ctx: AppContext,
  payload: DeadlinePayload,
  today?: string,
): Promise<"skipped" | "reminded" | "escalated"> {
  return withTx(ctx.db, async (tx) => {
    const c = await findCase(tx, payload.caseId, true);
    if (!c) return "skipped";
    const machine = MACHINES[c.caseType];
    const waiting = payload.kind === "ack" ? machine.awaitingAck : machine.awaitingFeedback;
    if (!waiting.includes(c.state)) return "skipped";
    const due = payload.kind === "ack" ? c.ackDueOn : c.feedbackDueOn;
    const now =
      today ?? (await tx.query<{ d: string }>("SELECT cn_today()::text AS d")).rows[0]?.d ?? "";
    if (!due || (payload.stage === "escalate" && now <= due)) return "skipped";
    const what = payload.kind === "ack" ? "受理" : "答复";
    if (payload.stage === "remind") {
      const to = c.handlerUserId ? [c.handlerUserId] : await caseRecipients(tx, c, c.orgPath);
      await notifyUsers(tx, caseSystemActor, to, {
        kind: "case.deadline",
        title: `案件 ${c.number} 应于 ${due} 前${what}`,
        link: `/cases/${c.id}`,
        sourceType: "case",
        sourceId: c.id,
        orgPath: c.orgPath,
      });
      return "reminded";
    }
    const up = parentPath(c.orgPath);
    await insertEvent(tx, {
      caseId: c.id,
      kind: "escalated",
      visibleToFiler: false,
      actorUserId: null,
      byFiler: false,
      body: null,
      meta: { deadline: payload.kind, due },
    });
    await recordAudit(tx, caseSystemActor, {
      action: "case.escalate",
      entityType: "case",
      entityId: c.id,
      orgPath: c.orgPath,
      after: { number: c.number, deadline: payload.kind, due },
    });
    await notifyUsers(tx, caseSystemActor, await caseRecipients(tx, c, up), {
      kind: "case.escalated",
      title: `下级组织案件 ${c.number} 逾期未${what}（应于 ${due} 前），请督办`,
      link: `/cases/${c.id}`,
      sourceType: "case",
      sourceId: c.id,
      orgPath: c.orgPath,
    });
    return "escalated";
  });
}
