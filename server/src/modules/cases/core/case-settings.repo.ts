import type { Queryable } from "../../../platform/db/pool.ts";

export interface CaseSettings {
  allowAnonymous: boolean;
  ackDays: number;
  feedbackDays: number;
  retentionDays: number;
}

export const DEFAULT_SETTINGS: CaseSettings = {
  allowAnonymous: false,
  ackDays: 7,
  feedbackDays: 90,
  retentionDays: 1825,
};

/** The settings of the nearest org at or above `orgPath` that set them, else the defaults. */
export async function effectiveSettings(db: Queryable, orgPath: string): Promise<CaseSettings> {
  const result = await db.query<CaseSettings>(
    `SELECT s.allow_anonymous AS "allowAnonymous", s.ack_days AS "ackDays",
            s.feedback_days AS "feedbackDays", s.retention_days AS "retentionDays"
       FROM case_settings s JOIN orgs o ON o.id = s.org_id
      WHERE o.path @> $1::ltree ORDER BY nlevel(o.path) DESC LIMIT 1`,
    [orgPath],
  );
  return result.rows[0] ?? DEFAULT_SETTINGS;
}

export async function saveSettings(tx: Queryable, orgId: number, s: CaseSettings) {
  await tx.query(
    `INSERT INTO case_settings (org_id, allow_anonymous, ack_days, feedback_days, retention_days)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (org_id) DO UPDATE SET allow_anonymous = $2, ack_days = $3, feedback_days = $4,
       retention_days = $5`,
    [orgId, s.allowAnonymous, s.ackDays, s.feedbackDays, s.retentionDays],
  );
}
