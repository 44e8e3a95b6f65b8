import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { allPages, MAX_PAGE } from "../../../platform/keyset.ts";
import { xlsxReport } from "../../../platform/xlsx.ts";
import { findMemberHomes } from "../../orgs/member-homes.ts";
import { authorizeRead, orgNotFound, REVIEW_MANAGE, REVIEW_OVERSEE } from "../review.policy.ts";
import { SOURCE_TEXT } from "./create-rectification.ts";
import type { RectificationQuery } from "./rectification.schemas.ts";
import { listRectifications } from "./rectifications.repo.ts";

const STATUS_TEXT = { open: "整改中", done: "待销号", closed: "已销号" } as const;
const FILTER_TEXT = {
  open: "整改中",
  overdue: "已逾期",
  done: "待销号",
  closed: "已销号",
} as const;

/**
 * 整改台账: every item of an organization and below, as a branch files it for the committee
 * above: where each problem came from, who rectifies it how and by when, what they reported
 * and whether it was 销号. Printed on A4 landscape, one page wide.
 */
export async function exportLedger(
  db: Queryable,
  actor: Actor,
  audit: AuditActor,
  query: { orgId: number; status?: RectificationQuery["status"] },
): Promise<{ fileName: string; bytes: Buffer }> {
  authorizeRead(actor);
  const homes = new Map([
    ...(await findMemberHomes(db, actor, REVIEW_OVERSEE, [query.orgId])),
    ...(await findMemberHomes(db, actor, REVIEW_MANAGE, [query.orgId])),
  ]);
  const org = homes.get(query.orgId);
  if (!org) throw orgNotFound();
  const items = await allPages((after) =>
    listRectifications(db, actor, {
      orgPath: org.path,
      status: query.status,
      after,
      limit: MAX_PAGE,
    }),
  );
  const count = (s: keyof typeof STATUS_TEXT) => items.filter((x) => x.status === s).length;
  const overdue = items.filter((x) => x.overdue).length;
  const bytes = await xlsxReport(actor, {
    sheetName: "整改台账",
    title: `${org.name}整改台账`,
    lines: [
      `${query.status ? `范围：${FILTER_TEXT[query.status]}。` : ""}共${items.length}项：` +
        `整改中${count("open")}项（其中逾期${overdue}项），待销号${count("done")}项，已销号${count("closed")}项。`,
    ],
    landscape: true,
    columns: [
      { header: "序号", width: 5 },
      { header: "问题来源", width: 12 },
      { header: "存在问题", width: 28 },
      { header: "整改措施", width: 30 },
      { header: "责任人", width: 8 },
      { header: "整改期限", width: 11 },
      { header: "完成情况", width: 24 },
      { header: "完成日期", width: 11 },
      { header: "状态", width: 8 },
      { header: "销号日期", width: 11 },
    ],
    rows: items.map((x, i) => [
      i + 1,
      x.meetingTopic && x.source !== "higher_feedback"
        ? `${SOURCE_TEXT[x.source]}\n（${x.meetingTopic}）`
        : SOURCE_TEXT[x.source],
      x.problem,
      x.measure,
      x.owner.name,
      x.dueOn,
      [x.evidence, x.status === "open" && x.reviewComment ? `退回：${x.reviewComment}` : null]
        .filter(Boolean)
        .join("\n"),
      x.doneAt,
      x.overdue ? "已逾期" : STATUS_TEXT[x.status],
      x.closedAt,
    ]),
  });
  await recordAudit(db, audit, {
    action: "review.rectification.export",
    entityType: "org",
    entityId: org.id,
    orgPath: org.path,
    after: { status: query.status ?? null, items: items.length },
  });
  return { fileName: `${org.name}整改台账.xlsx`, bytes };
}
