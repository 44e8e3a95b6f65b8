import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { InvalidState } from "../../../platform/errors.ts";
import { scheduleJob } from "../../../platform/jobs/schedule.ts";
import { approvedPool } from "../bank/questions.repo.ts";
import { campaignReaching, materialsRead } from "../campaigns/campaigns.repo.ts";
import { campaignNotFound, requireTaker } from "../study.policy.ts";
import { attemptsExhausted, notOpen, refuse } from "../study-refusals.ts";
import {
  findAttempt,
  GRACE_SECONDS,
  insertAttempt,
  memberAttempts,
  stillPublished,
} from "./attempts.repo.ts";
import { CLOSE_ATTEMPT_JOB, closeExpiredAttempt } from "./close-attempt.ts";
import { drawPaper } from "./paper.ts";
import { presentAttempt } from "./present-attempt.ts";

/**
 * Starts (or resumes) a sitting. An open sitting is returned as it is, so a reload or a
 * second device continues the same paper. A new one draws a fresh shuffled paper, fixes its
 * deadline (time limit, capped by the campaign's end) and queues the job that closes it.
 */
export async function startAttempt(db: Db, actor: Actor, audit: AuditActor, campaignId: number) {
  const member = await requireTaker(db, actor);
  const c = await campaignReaching(db, campaignId, member.orgPath);
  if (!c) throw campaignNotFound();
  const now = Date.now();
  if (c.status !== "published" || now < Date.parse(c.startsAt) || now > Date.parse(c.endsAt)) {
    throw notOpen();
  }
  const read = await materialsRead(db, member.id, [c.id]);
  if (c.materialIds.some((m) => !read.has(`${c.id}:${m}`))) {
    throw new InvalidState(
      {
        "zh-CN": "请先学完本专题的全部必学资料再参加考试",
        "en-US": "Read every required material before the exam",
      },
      "study_materials_unread",
    );
  }
  let attempts = await memberAttempts(db, member.id, [c.id]);
  const open = attempts.find((a) => a.submittedAt === null);
  if (open?.open) return presentAttempt(open);
  if (open && (await closeExpiredAttempt(db, open.id))) {
    attempts = await memberAttempts(db, member.id, [c.id]);
  }
  if (attempts.length >= c.maxAttempts) {
    return refuse(db, audit, attemptsExhausted(c.maxAttempts), {
      entityType: "study_campaign",
      entityId: c.id,
      orgPath: member.orgPath,
      details: { memberId: member.id, attempts: attempts.length },
    });
  }
  const paper = drawPaper(c.rules, await approvedPool(db, c.orgPath));
  const id = await withTx(db, async (tx) => {
    if (!(await stillPublished(tx, c.id))) throw notOpen();
    const started = await insertAttempt(tx, {
      campaignId: c.id,
      memberId: member.id,
      orgPath: member.orgPath,
      attemptNo: attempts.length + 1,
      timeLimitMinutes: c.timeLimitMinutes,
      campaignEndsAt: c.endsAt,
      paper,
    });
    // A double click lost the race to its twin: resume the twin's sitting.
    if (!started) return null;
    await scheduleJob(
      tx,
      CLOSE_ATTEMPT_JOB,
      { attemptId: started.id },
      {
        runAt: new Date(started.deadlineAt.getTime() + (GRACE_SECONDS + 1) * 1000),
        jobKey: `study-attempt:${started.id}`,
      },
    );
    await recordAudit(tx, audit, {
      action: "study.attempt.start",
      entityType: "study_attempt",
      entityId: started.id,
      orgPath: member.orgPath,
      after: {
        campaignId: c.id,
        attemptNo: attempts.length + 1,
        questions: paper.map((p) => p.id),
      },
    });
    return started.id;
  });
  const row = id
    ? await findAttempt(db, id)
    : (await memberAttempts(db, member.id, [c.id])).find((a) => a.submittedAt === null);
  if (!row) throw campaignNotFound();
  return presentAttempt(row);
}
