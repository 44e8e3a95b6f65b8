import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { allPages, MAX_PAGE } from "../../../platform/keyset.ts";
import { xlsxReport } from "../../../platform/xlsx.ts";
import { authorize, REGISTRY_OVERSEE } from "../registry.policy.ts";
import { PLATFORM_TEXT } from "../registry.schemas.ts";
import { listAccounts } from "./accounts.repo.ts";
import { overseenOrg } from "./read-accounts.ts";

const STATUS_TEXT = { active: "在用", closed: "已停用" } as const;

/**
 * 党员干部网络公众账号登记表 of an org and below: one row per account as its cadre last
 * declared it, with the org path so a committee's table reads without the tree beside it.
 * Watermarked with who took it out; the export is audited with the accounts it held.
 */
export async function exportAccounts(
  db: Queryable,
  actor: Actor,
  audit: AuditActor,
  orgId: number,
): Promise<{ fileName: string; bytes: Buffer }> {
  authorize(actor, REGISTRY_OVERSEE);
  const org = await overseenOrg(db, actor, orgId);
  const rows = await allPages((after) =>
    listAccounts(db, actor, { orgPath: org.path, after, limit: MAX_PAGE }),
  );
  const active = rows.filter((r) => r.current.status === "active").length;
  const bytes = await xlsxReport(actor, {
    sheetName: "公众账号登记",
    title: `${org.name}党员干部网络公众账号登记表`,
    lines: [
      `共${rows.length}个账号，其中在用${active}个、已停用${rows.length - active}个。内容均为本人申报。`,
    ],
    landscape: true,
    columns: [
      { header: "序号", width: 5 },
      { header: "所在党组织", width: 22 },
      { header: "姓名", width: 8 },
      { header: "职务", width: 12 },
      { header: "平台", width: 10 },
      { header: "账号名称", width: 16 },
      { header: "账号ID", width: 14 },
      { header: "链接", width: 18 },
      { header: "性质", width: 12 },
      { header: "用途", width: 18 },
      { header: "开设时间", width: 11 },
      { header: "共同管理人", width: 12 },
      { header: "状态", width: 7 },
      { header: "最近申报", width: 16 },
    ],
    rows: rows.map((r, i) => {
      const v = r.current;
      return [
        i + 1,
        r.orgTrail,
        r.member.name,
        r.member.position,
        v.platform === "other" ? `其他：${v.platformOther}` : PLATFORM_TEXT[v.platform],
        v.name,
        v.handle,
        v.link,
        v.ownership === "unit" ? `单位（${v.unitName}）` : "个人",
        v.purpose,
        v.since,
        v.coManagers || "无",
        STATUS_TEXT[v.status],
        `${v.recordedAt}（第${v.version}版）`,
      ];
    }),
  });
  await recordAudit(db, audit, {
    action: "registry.account.export",
    entityType: "org",
    entityId: org.id,
    orgPath: org.path,
    after: { accounts: rows.map((r) => r.id) },
  });
  return { fileName: `${org.name}党员干部网络公众账号登记表.xlsx`, bytes };
}
