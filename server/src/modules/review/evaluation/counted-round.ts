import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { InvalidState } from "../../../platform/errors.ts";
import { lookupOrg } from "../../orgs/lookup-org.ts";
import type { RoundDetail } from "./evaluation.schemas.ts";
import { getRound } from "./get-round.ts";
import { requireRound } from "./round-access.ts";
import { requireClosedRound } from "./round-state.ts";

export const GRADE_TEXT = {
  excellent: "优秀",
  competent: "合格",
  basically_competent: "基本合格",
  incompetent: "不合格",
} as const;
export const GRADES = ["excellent", "competent", "basically_competent", "incompetent"] as const;

/**
 * A round whose results may be filed: closed and counted, read by the organization. A member
 * evaluated in the round may not export them, whatever else they hold.
 */
export async function countedRound(db: Queryable, actor: Actor, id: number): Promise<RoundDetail> {
  await requireRound(db, actor, id, { evaluated: false });
  const round = await getRound(db, actor, id);
  requireClosedRound(round);
  if (!round.counted) {
    throw new InvalidState(
      {
        "zh-CN": "计票人尚未全部解密，计票完成后才能导出结果",
        "en-US": "The trustees have not all decrypted yet; export once the count is done",
      },
      "not_counted",
    );
  }
  return round;
}

/** 应到/实到 as both the sheet and the record state it. */
export function turnoutLine(round: RoundDetail): string {
  const { expected, voted, withoutAccount } = round.turnout;
  return (
    `应到（有表决权的正式党员）${expected}名，实到（参加投票）${voted}名；` +
    `未投票${expected - voted}名${withoutAccount > 0 ? `，其中${withoutAccount}名未开通账号、无法参加网上投票` : ""}。`
  );
}

/** One audit row per results export, whichever format. */
export async function auditExport(
  db: Queryable,
  audit: AuditActor,
  round: RoundDetail,
  format: "xlsx" | "docx",
) {
  await recordAudit(db, audit, {
    action: "evaluation.export",
    entityType: "evaluation_round",
    entityId: round.id,
    orgPath: (await lookupOrg(db, { id: round.org.id }))?.path ?? null,
    after: { format },
  });
}
