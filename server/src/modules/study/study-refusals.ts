import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { BadInput, DomainError, InvalidState } from "../../platform/errors.ts";

/**
 * Integrity refusals: each is recorded in the audit log on its own (the request's own
 * transaction, if any, rolls back with the error) and then thrown, so an attempt to cheat
 * leaves a trace while changing nothing.
 */
export async function refuse(
  db: Queryable,
  audit: AuditActor,
  error: DomainError,
  subject: { entityType: string; entityId: number; orgPath: string | null; details?: unknown },
): Promise<never> {
  await recordAudit(db, audit, {
    action: "study.refused",
    entityType: subject.entityType,
    entityId: subject.entityId,
    orgPath: subject.orgPath,
    after: { code: error.code, details: subject.details ?? null },
  });
  throw error;
}

export const deadlinePassed = () =>
  new InvalidState(
    {
      "zh-CN": "考试时间已到或专题学习已截止，服务器不再接受作答",
      "en-US": "The exam time or the campaign deadline has passed; answers are no longer accepted",
    },
    "study_deadline_passed",
  );

export const attemptsExhausted = (max: number) =>
  new DomainError(409, "study_attempts_exhausted", {
    "zh-CN": `已用完允许的 ${max} 次考试机会`,
    "en-US": `All ${max} allowed attempts have been used`,
  });

export const alreadySubmitted = () =>
  new InvalidState(
    {
      "zh-CN": "这份答卷已经交卷，不能再次提交",
      "en-US": "This paper has already been submitted and cannot be submitted again",
    },
    "study_already_submitted",
  );

export const notInPaper = (ids: string[]) =>
  new BadInput(
    "answers",
    {
      "zh-CN": `试题 ${ids.join("、")} 不在您的试卷中`,
      "en-US": `Question(s) ${ids.join(", ")} are not in your paper`,
    },
    "study_question_not_in_paper",
  );

export const clientScore = (keys: string[]) =>
  new BadInput(
    keys[0] ?? "body",
    {
      "zh-CN": "成绩只由服务器计算，请求中不得包含分数或其他字段",
      "en-US":
        "Scores are computed only by the server; the request may not carry a score or other fields",
    },
    "study_client_score",
  );

export const notOpen = () =>
  new InvalidState(
    {
      "zh-CN": "该专题学习不在进行中（未发布、未开始或已结束）",
      "en-US": "This campaign is not open (not published, not started or already over)",
    },
    "study_campaign_not_open",
  );
