import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { body, chineseDate, render, section, signature, subtitle, title } from "./docx-format.ts";
import { getMeeting } from "./get-meeting.ts";
import { listRectifications } from "./rectifications.repo.ts";
import type { MeetingDetail, Rectification } from "./review.schemas.ts";

export const KIND_TEXT = { branch_life: "组织生活会", leadership_life: "民主生活会" } as const;
const STATUS_TEXT = { draft: "未提交", returned: "退回修改", submitted: "已提交" } as const;

/** The paragraphs of a meeting record: 基本情况, minutes, self-review, 相互批评, 整改清单. */
export function meetingParagraphs(m: MeetingDetail, items: Omit<Rectification, "can">[]) {
  const absent = m.attendees.filter((a) => !a.present);
  return [
    title(`${m.org.name}${KIND_TEXT[m.kind]}会议记录`),
    subtitle(`（${m.topic}）`),
    section(1, "基本情况"),
    ...body(
      [
        `会议时间：${chineseDate(m.heldOn)}`,
        `会议地点：${m.location || "—"}`,
        `会议主题：${m.topic}`,
        `应到${m.expected}人，实到${m.present}人。`,
        absent.length
          ? `缺席人员及原因：${absent.map((a) => `${a.name}（${a.absenceReason}）`).join("、")}`
          : "缺席人员：无。",
      ].join("\n"),
    ),
    section(2, "会议记录"),
    ...body(m.minutes),
    section(3, "对照检查情况"),
    ...body(
      m.attendees
        .map((a) => {
          const r = a.selfReview;
          const state = r ? STATUS_TEXT[r.status as keyof typeof STATUS_TEXT] : "无";
          return `${a.name}：对照检查材料${state}${r?.gaps ? `，存在差距${r.gaps}项` : ""}`;
        })
        .join("\n"),
    ),
    section(4, "相互批评"),
    ...body(
      m.criticisms
        .map(
          (c) =>
            `${c.fromName}对${c.toName}提出批评意见：${c.criticism}${c.response ? `\n${c.toName}回应：${c.response}` : ""}`,
        )
        .join("\n"),
    ),
    section(5, "整改清单"),
    ...body(
      items
        .map(
          (x, n) =>
            `${n + 1}. ${x.owner.name}：${x.problem}；整改措施：${x.measure}；整改期限：${chineseDate(x.dueOn)}；${x.status === "done" ? "已完成" : "整改中"}`,
        )
        .join("\n"),
    ),
    ...signature(["主持人签名：__________", "记录人签名：__________", chineseDate(m.heldOn)]),
  ];
}

/** The meeting record as .docx, for the secretary and the committees above. */
export async function exportMeetingDocx(
  db: Queryable,
  actor: Actor,
  audit: AuditActor,
  id: number,
): Promise<{ fileName: string; bytes: Buffer }> {
  const meeting = await getMeeting(db, actor, id);
  const items = await listRectifications(db, actor, { meetingId: id });
  const name = `${meeting.org.name}${KIND_TEXT[meeting.kind]}会议记录`;
  const bytes = await render(meetingParagraphs(meeting, items), {
    title: name,
    creator: actor.displayName,
  });
  await recordAudit(db, audit, {
    action: "review.meeting.export",
    entityType: "review_meeting",
    entityId: id,
  });
  return { fileName: `${name}（${meeting.heldOn}）.docx`, bytes };
}
