import { type AuditActor, systemActor } from "../../../platform/audit/record.ts";
import { type Db, type Queryable, withTx } from "../../../platform/db/pool.ts";
import { scheduleJob } from "../../../platform/jobs/schedule.ts";
import { activeMembersOf } from "../../members/member-directory.ts";
import { notifyMembers } from "../../notifications/send-notification.ts";
import { passedMembers } from "../attempts/attempts.repo.ts";
import { type CampaignRow, campaignForJob } from "./campaigns.repo.ts";

export const DEADLINE_NEAR_JOB = "study_campaign_deadline_near";
const BEFORE_DEADLINE_MS = 24 * 3_600_000;

const shortDate = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(5, 16).replace("T", " ");

/**
 * At publishing, in the publishing transaction: every member the campaign reaches is told,
 * and a reminder is queued for a day before the deadline.
 */
export async function announceCampaign(tx: Queryable, audit: AuditActor, c: CampaignRow) {
  const members = await activeMembersOf(tx, c.orgPath);
  await notifyMembers(
    tx,
    audit,
    members.map((m) => m.id),
    {
      kind: "study.published",
      title: `新的专题学习：${c.title}`,
      body: `请在 ${shortDate(c.endsAt)} 前完成学习和考试。`,
      link: `/study/tasks/${c.id}`,
      sourceType: "study_campaign",
      sourceId: String(c.id),
      orgPath: c.orgPath,
    },
  );
  const runAt = new Date(Date.parse(c.endsAt) - BEFORE_DEADLINE_MS);
  if (runAt.getTime() > Date.now()) {
    await scheduleJob(
      tx,
      DEADLINE_NEAR_JOB,
      { campaignId: c.id },
      { runAt, jobKey: `${DEADLINE_NEAR_JOB}:${c.id}` },
    );
  }
}

/** The day before the deadline: those who have not passed yet are reminded, once. */
export async function remindBeforeDeadline(db: Db, campaignId: number) {
  const c = await campaignForJob(db, campaignId);
  if (c?.status !== "published" || Date.parse(c.endsAt) < Date.now()) return 0;
  const [members, passed] = await Promise.all([
    activeMembersOf(db, c.orgPath),
    passedMembers(db, c.id),
  ]);
  const due = members.filter((m) => !passed.has(m.id)).map((m) => m.id);
  if (due.length === 0) return 0;
  return withTx(db, (tx) =>
    notifyMembers(tx, systemActor, due, {
      kind: "study.deadline",
      title: `专题学习即将截止：${c.title}`,
      body: `截止时间 ${shortDate(c.endsAt)}，您尚未通过考试。`,
      link: `/study/tasks/${c.id}`,
      sourceType: "study_campaign",
      sourceId: String(c.id),
      orgPath: c.orgPath,
    }),
  );
}

export function parseCampaignPayload(payload: unknown): number | null {
  const id = (payload as { campaignId?: unknown } | null)?.campaignId;
  return typeof id === "number" && Number.isSafeInteger(id) && id > 0 ? id : null;
}
