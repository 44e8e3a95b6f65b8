import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { body, chineseDate, render, section, signature, subtitle, title } from "../docx-format.ts";
import { getSelfReview } from "./get-self-review.ts";
import type { SelfReviewDetail } from "./self-review.schemas.ts";
import { findSelfReview } from "./self-reviews.repo.ts";

/** What an unsubmitted material still lacks, one sentence each; empty once it is complete. */
export function missingParts(r: SelfReviewDetail): string[] {
  const unanswered = r.items.filter((i) => i.answer === null).length;
  const gapsUnwritten = r.items.filter(
    (i) => i.answer === "gap" && (!i.problem.trim() || !i.cause.trim() || !i.measure.trim()),
  ).length;
  return [
    ...(r.overview.trim() ? [] : ["基本情况未填写"]),
    ...(unanswered ? [`${unanswered}项未作答`] : []),
    ...(gapsUnwritten ? [`${gapsUnwritten}项差距未写全问题、原因或整改措施`] : []),
  ];
}

const DRAFT_NOTE = { draft: "未提交", returned: "已退回修改，尚未重新提交" } as const;

/**
 * The paragraphs of one person's 对照检查材料, in the customary order. A material that was
 * not submitted is exported as a draft, marked as such in its title, with what it lacks,
 * and never concludes 「未发现明显差距」 from items nobody answered.
 */
export function materialParagraphs(r: SelfReviewDetail) {
  const submitted = r.status === "submitted";
  const gaps = r.items.filter((i) => i.answer === "gap");
  const meets = r.items.filter((i) => i.answer === "meets").length;
  const unanswered = r.items.length - meets - gaps.length;
  const numbered = (pick: (i: (typeof gaps)[number]) => string) =>
    gaps.flatMap((g, n) => body(`${n + 1}. 对照${g.articleLabel}：${pick(g) || "（未填写）"}`));
  const noGaps = (finished: string) =>
    body(unanswered ? `尚有${unanswered}项未作答，无法得出结论。` : finished);
  const missing = missingParts(r);
  const draftNote =
    r.status === "submitted"
      ? []
      : body(
          `【草稿】本材料${DRAFT_NOTE[r.status]}，不作为正式对照检查材料。${
            missing.length ? `尚缺：${missing.join("；")}。` : ""
          }`,
        );
  return [
    title(`${r.member.name}同志对照检查材料${submitted ? "" : "（草稿·未提交）"}`),
    subtitle(`（${r.meeting.orgName}${r.meeting.topic}）`),
    ...draftNote,
    section(1, "基本情况"),
    ...body(r.overview || "（未填写）"),
    ...body(
      `对照《中国共产党党员网络行为规定》逐条检查${r.items.length}项，其中符合${meets}项，存在差距${gaps.length}项${
        unanswered ? `，未作答${unanswered}项` : ""
      }。`,
    ),
    section(2, "存在问题"),
    ...(gaps.length ? numbered((g) => g.problem) : noGaps("经对照检查，未发现明显差距。")),
    section(3, "原因分析"),
    ...(gaps.length ? numbered((g) => g.cause) : body("无。")),
    section(4, "整改措施"),
    ...(gaps.length ? numbered((g) => g.measure) : noGaps("继续严格遵守有关规定，自觉接受监督。")),
    ...signature([
      "本人签名：__________",
      r.submittedAt && submitted ? chineseDate(r.submittedAt) : "日期：____年__月__日",
    ]),
  ];
}

/** One person's 对照检查材料 as .docx, for its author or the organizations above. */
export async function exportMaterialDocx(
  db: Queryable,
  actor: Actor,
  audit: AuditActor,
  id: number,
): Promise<{ fileName: string; bytes: Buffer }> {
  const review = await getSelfReview(db, actor, id);
  const bytes = await render(materialParagraphs(review), {
    title: `${review.member.name}同志对照检查材料${review.status === "submitted" ? "" : "（草稿）"}`,
    creator: actor.displayName,
  });
  await recordAudit(db, audit, {
    action: "review.self_review.export",
    entityType: "self_review",
    entityId: id,
    // The member's branch, so an auditor of that subtree sees who took their material away.
    orgPath: (await findSelfReview(db, actor, id))?.orgPath ?? null,
    after: { memberId: review.member.id, status: review.status },
  });
  const draft = review.status === "submitted" ? "" : "（草稿）";
  return { fileName: `${review.member.name}对照检查材料${draft}.docx`, bytes };
}
