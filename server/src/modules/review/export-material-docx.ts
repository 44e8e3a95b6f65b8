import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { body, chineseDate, render, section, signature, subtitle, title } from "./docx-format.ts";
import { getSelfReview } from "./get-self-review.ts";
import type { SelfReviewDetail } from "./review.schemas.ts";

/** The paragraphs of one person's 对照检查材料, in the customary order. */
export function materialParagraphs(r: SelfReviewDetail) {
  const gaps = r.items.filter((i) => i.answer === "gap");
  const meets = r.items.filter((i) => i.answer === "meets").length;
  const numbered = (pick: (i: (typeof gaps)[number]) => string) =>
    gaps.flatMap((g, n) => body(`${n + 1}. 对照${g.articleLabel}：${pick(g)}`));
  return [
    title(`${r.member.name}同志对照检查材料`),
    subtitle(`（${r.meeting.orgName}${r.meeting.topic}）`),
    section(1, "基本情况"),
    ...body(r.overview),
    ...body(
      `对照《中国共产党党员网络行为规定》逐条检查${r.items.length}项，其中符合${meets}项，存在差距${gaps.length}项。`,
    ),
    section(2, "存在问题"),
    ...(gaps.length ? numbered((g) => g.problem) : body("经对照检查，未发现明显差距。")),
    section(3, "原因分析"),
    ...(gaps.length ? numbered((g) => g.cause) : body("无。")),
    section(4, "整改措施"),
    ...(gaps.length ? numbered((g) => g.measure) : body("继续严格遵守有关规定，自觉接受监督。")),
    ...signature([
      "本人签名：__________",
      r.submittedAt ? chineseDate(r.submittedAt) : "日期：____年__月__日",
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
    title: `${review.member.name}同志对照检查材料`,
    creator: actor.displayName,
  });
  await recordAudit(db, audit, {
    action: "review.self_review.export",
    entityType: "self_review",
    entityId: id,
    after: { memberId: review.member.id },
  });
  return { fileName: `${review.member.name}对照检查材料.docx`, bytes };
}
