import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { allPages, MAX_PAGE } from "../../../platform/keyset.ts";
import { memberFacts } from "../../members/member-directory.ts";
import { lookupOrg } from "../../orgs/lookup-org.ts";
import { body, chineseDate, render, section, signature, subtitle, title } from "../docx-format.ts";
import type { Rectification } from "../rectification/rectification.schemas.ts";
import { listRectifications } from "../rectification/rectifications.repo.ts";
import { getMeeting } from "./get-meeting.ts";
import type { MeetingDetail } from "./meetings.schemas.ts";

export const KIND_TEXT = { branch_life: "组织生活会", leadership_life: "民主生活会" } as const;
const STATUS_TEXT = { draft: "未提交", returned: "退回修改", submitted: "已提交" } as const;

/** Text a person typed, without its closing punctuation, so joining never reads 「。；」. */
export const clause = (text: string) => text.trim().replace(/[。；，、,.;：:\s]+$/u, "");

/**
 * Minutes are typed as 「一、……」「二、……」, which clashes with the record's own 一、二、 section
 * heads: inside the record they become the next level down, 「（一）……」.
 */
export function demoteNumbering(minutes: string): string {
  return minutes
    .split(/\r?\n/)
    .map((line) => line.replace(/^(\s*)([一二三四五六七八九十]+)[、.．]\s*/u, "$1（$2）"))
    .join("\n");
}

/** Whom the roster counts: 正式/预备 党员 among those due to attend. */
export interface RosterCounts {
  full: number;
  probationary: number;
}

/** The paragraphs of a meeting record: 基本情况, minutes, self-review, 相互批评, 整改清单. */
export function meetingParagraphs(
  m: MeetingDetail,
  items: Omit<Rectification, "can">[],
  roster: RosterCounts,
) {
  const names = (list: typeof m.attendees) => list.map((a) => a.name).join("、") || "无";
  const present = m.attendees.filter((a) => a.present === true);
  const absent = m.attendees.filter((a) => a.present === false);
  const unrecorded = m.attendees.filter((a) => a.present === null);
  const hours = m.startsAt ? `${m.startsAt}${m.endsAt ? `—${m.endsAt}` : ""}` : "";
  const cadres = m.attendees.filter((a) => a.isCadre).length;
  return [
    title(`${m.org.name}${KIND_TEXT[m.kind]}会议记录`),
    subtitle(`（${m.topic}）`),
    section(1, "基本情况"),
    ...body(
      [
        `会议时间：${chineseDate(m.heldOn)}${hours ? ` ${hours}` : ""}`,
        `会议地点：${m.location || "____"}`,
        `会议主题：${m.topic}`,
        `主持人：${m.host || "____"}；记录人：${m.recorder || "____"}。`,
        `应到${m.expected}人（正式党员${roster.full}人、预备党员${roster.probationary}人${
          cadres ? `，其中党员干部${cadres}人` : ""
        }），实到${m.present}人。`,
        `出席人员：${names(present)}。`,
        `缺席人员及原因：${
          absent.map((a) => `${a.name}（${clause(a.absenceReason ?? "")}）`).join("、") || "无"
        }。`,
        ...(unrecorded.length ? [`未登记出席情况：${names(unrecorded)}。`] : []),
        `列席人员：${clause(m.observers) || "无"}。`,
      ].join("\n"),
    ),
    section(2, "会议记录"),
    ...body(demoteNumbering(m.minutes)),
    section(3, "对照检查情况"),
    ...body(
      m.attendees
        .map((a) => {
          const r = a.selfReview;
          const state = r ? STATUS_TEXT[r.status as keyof typeof STATUS_TEXT] : "无";
          return `${a.name}：对照检查材料${state}${r?.gaps ? `，存在差距${r.gaps}项` : ""}。`;
        })
        .join("\n"),
    ),
    section(4, "相互批评"),
    ...body(
      m.criticisms
        .map(
          (c) =>
            `${c.fromName}对${c.toName}提出批评意见：${clause(c.criticism)}。${
              c.response ? `\n${c.toName}回应：${clause(c.response)}。` : ""
            }`,
        )
        .join("\n"),
    ),
    section(5, "整改清单"),
    ...body(
      items
        .map(
          (x, n) =>
            `${n + 1}. ${x.owner.name}：${clause(x.problem)}；整改措施：${clause(x.measure)}；整改期限：${chineseDate(x.dueOn)}；${x.status === "done" ? "已完成" : "整改中"}。`,
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
  const items = await allPages((after) =>
    listRectifications(db, actor, { meetingId: id, after, limit: MAX_PAGE }),
  );
  const facts = await memberFacts(
    db,
    meeting.attendees.map((a) => a.memberId),
  );
  const statuses = [...facts.values()].map((f) => f.status);
  const roster = {
    full: statuses.filter((s) => s === "full").length,
    probationary: statuses.filter((s) => s === "probationary").length,
  };
  const name = `${meeting.org.name}${KIND_TEXT[meeting.kind]}会议记录`;
  const bytes = await render(meetingParagraphs(meeting, items, roster), {
    title: name,
    creator: actor.displayName,
  });
  await recordAudit(db, audit, {
    action: "review.meeting.export",
    entityType: "review_meeting",
    entityId: id,
    orgPath: (await lookupOrg(db, { id: meeting.org.id }))?.path ?? null,
  });
  return { fileName: `${name}（${meeting.heldOn}）.docx`, bytes };
}
