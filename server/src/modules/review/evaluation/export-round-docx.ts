import type { AuditActor } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { body, chineseDate, render, section, signature, table, title } from "../docx-format.ts";
import { clause } from "../meetings/export-meeting-docx.ts";
import { auditExport, countedRound, GRADE_TEXT, GRADES, turnoutLine } from "./counted-round.ts";
import type { RoundDetail } from "./evaluation.schemas.ts";

const names = (list: { name: string }[]) => list.map((m) => m.name).join("、");

/** 基本情况: the timetable, who took part, and how the count was kept secret. */
function basics(round: RoundDetail): string[] {
  const { summaryDue, voteDue, decideDue } = round.phaseDates;
  const voters = round.members.filter((m) => m.mayVote).length;
  const trustees = round.trustees.map((x) => x.name);
  return [
    ...(summaryDue && voteDue && decideDue
      ? [
          `评议安排：个人总结于${chineseDate(summaryDue)}前完成，投票于${chineseDate(voteDue)}前完成，` +
            `评定于${chineseDate(decideDue)}前完成。`,
        ]
      : []),
    `参评党员${round.subjects}名，其中正式党员${voters}名、预备党员${round.subjects - voters}名` +
      "（预备党员参加评议，不参加投票）。",
    turnoutLine(round),
    round.scheme === "encrypted"
      ? `采取无记名投票，选票在投票人的浏览器中加密后提交，由计票人${trustees.join("、")}共同解密，只得出合计票数，任何人看不到个人所投等次。`
      : "采取无记名投票。",
  ];
}

/** Per member the ballots and, from the floor up, the counts per grade; under it 不公布. */
function ballotTable(round: RoundDetail) {
  return table(
    ["序号", "姓名", "得票数", ...GRADES.map((g) => GRADE_TEXT[g])],
    round.members.map((m, i) => {
      const counts = m.tally
        ? GRADES.map((g) => m.tally?.[g] ?? 0)
        : GRADES.map(() => (m.withheld ? "不公布" : "—"));
      return [i + 1, m.name, m.ballots ?? 0, ...counts];
    }),
    [9, 19, 14, 14, 14, 16, 14],
  );
}

/** 评定结果: how many in each grade, naming all but the 合格 majority, and each 不合格's reason. */
function decisions(round: RoundDetail): string[] {
  const by = (g: (typeof GRADES)[number]) => round.members.filter((m) => m.finalGrade === g);
  const parts = GRADES.map((g) => {
    const list = by(g);
    const who = g !== "competent" && list.length > 0 ? `（${names(list)}）` : "";
    return `${GRADE_TEXT[g]}${list.length}名${who}`;
  });
  const undecided = round.members.filter((m) => m.finalGrade === null);
  return [
    `经党组织研究评定：${parts.join("，")}${
      undecided.length ? `；尚未评定${undecided.length}名（${names(undecided)}）` : ""
    }。`,
    ...by("incompetent").map(
      (m) => `${m.name}评定为不合格，理由：${clause(m.finalReason ?? "")}。`,
    ),
  ];
}

/**
 * 民主评议党员结果 as a 公文-form record for the file and the committee above: 基本情况 with
 * 应到/实到, the ballot counts (withheld under the floor, as on screen), and the grades decided.
 */
export async function exportRoundDocx(
  db: Queryable,
  actor: Actor,
  audit: AuditActor,
  id: number,
): Promise<{ fileName: string; bytes: Buffer }> {
  const round = await countedRound(db, actor, id);
  const name = `${round.org.name}${round.year}年度民主评议党员结果`;
  const ballots = round.members.reduce((sum, m) => sum + (m.ballots ?? 0), 0);
  const bytes = await render(
    [
      title(`${round.org.name}\n${round.year}年度民主评议党员结果`),
      section(1, "基本情况"),
      ...body(basics(round).join("\n")),
      section(2, "投票情况"),
      ...body(
        `共收到选票${ballots}张。得票少于${round.minBallotsForCounts}张的党员只列得票数，` +
          "不公布各等次票数，以免推知他人投票。",
      ),
      ballotTable(round),
      section(3, "评定结果"),
      ...body(decisions(round).join("\n")),
      ...body("本材料含党员个人评议结果，仅限党务工作使用，不得外传。"),
      ...signature([`${round.org.name}（盖章）`, "____年__月__日"]),
    ],
    { title: name, creator: actor.displayName },
  );
  await auditExport(db, audit, round, "docx");
  return { fileName: `${name}.docx`, bytes };
}
