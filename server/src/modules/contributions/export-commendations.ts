import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { allPages, MAX_PAGE } from "../../platform/keyset.ts";
import { xlsxReport } from "../../platform/xlsx.ts";
import { listCommendations } from "./commendations.repo.ts";
import { KIND_TEXT, LEVEL_TEXT } from "./contributions.schemas.ts";
import { authorizeList, LIST_PERMISSIONS, listedOrg } from "./read-commendations.ts";

/**
 * 党员网络正能量表彰名单 of an org and below: the approved commendations, each with the works
 * it cites, for 评先评优 (Art 23). Watermarked with who took it out; the export is audited.
 */
export async function exportCommendations(
  db: Queryable,
  actor: Actor,
  audit: AuditActor,
  orgId: number,
): Promise<{ fileName: string; bytes: Buffer }> {
  authorizeList(actor);
  const org = await listedOrg(db, actor, orgId);
  const rows = await allPages((after) =>
    listCommendations(db, actor, LIST_PERMISSIONS, {
      orgPath: org.path,
      state: "approved",
      after,
      limit: MAX_PAGE,
    }),
  );
  const bytes = await xlsxReport(actor, {
    sheetName: "表彰名单",
    title: `${org.name}党员网络正能量表彰名单`,
    lines: [
      `共${rows.length}项已批准的表彰。所引作品由党员本人报送、经组织审核采用，传播数据为本人自报。`,
    ],
    landscape: true,
    columns: [
      { header: "序号", width: 5 },
      { header: "姓名", width: 8 },
      { header: "所在党组织", width: 22 },
      { header: "表彰名称", width: 22 },
      { header: "层级", width: 12 },
      { header: "表彰理由", width: 30 },
      { header: "所引作品", width: 34 },
      { header: "批准日期", width: 11 },
      { header: "会议或文号", width: 18 },
    ],
    rows: rows.map((r, i) => [
      i + 1,
      r.member.name,
      r.orgName,
      r.title,
      LEVEL_TEXT[r.level],
      r.reason,
      r.contributions.map((c) => `《${c.title}》（${KIND_TEXT[c.kind]}）`).join("\n"),
      r.approvedOn,
      r.documentNo,
    ]),
  });
  await recordAudit(db, audit, {
    action: "commendation.export",
    entityType: "org",
    entityId: org.id,
    orgPath: org.path,
    after: { commendations: rows.map((r) => r.id) },
  });
  return { fileName: `${org.name}党员网络正能量表彰名单.xlsx`, bytes };
}
