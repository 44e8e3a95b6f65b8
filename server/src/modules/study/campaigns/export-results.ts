import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { chinaTime, xlsxTable } from "../../../platform/xlsx.ts";
import { campaignMembers, campaignResults } from "./campaign-results.ts";

const STATUS_TEXT = {
  not_started: "未开始",
  in_progress: "进行中",
  passed: "已通过",
  failed: "未通过",
};
const COLUMNS = [
  { header: "姓名" },
  { header: "所在党组织", width: 28 },
  { header: "状态" },
  { header: "考试次数" },
  { header: "最高分" },
  { header: "最近交卷时间", width: 18 },
];

/** A campaign's results as .xlsx with the exporter's watermark line; the export is audited. */
export async function exportResults(
  db: Queryable,
  actor: Actor,
  audit: AuditActor,
  id: number,
  now = new Date(),
) {
  const results = await campaignResults(db, actor, id, { limit: 1 });
  const { items } = await campaignMembers(db, actor, id);
  await recordAudit(db, audit, {
    action: "study.results.export",
    entityType: "study_campaign",
    entityId: id,
    orgPath: results.orgPath,
    after: { rows: items.length },
  });
  const file = await xlsxTable(
    actor,
    "考试成绩",
    COLUMNS,
    items.map((r) => [
      r.name,
      r.orgName,
      STATUS_TEXT[r.status],
      r.attempts,
      r.bestScore,
      r.submittedAt ? chinaTime(new Date(r.submittedAt)) : null,
    ]),
    {
      caption: `${results.title}　参加 ${results.totals.members - results.totals.notStarted} / ${results.totals.members} 人，通过 ${results.totals.passed} 人`,
      now,
    },
  );
  return { title: results.title, file };
}
