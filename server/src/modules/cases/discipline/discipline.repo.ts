import type { Queryable } from "../../../platform/db/pool.ts";

export type Origin = "report" | "protection" | "review_meeting" | "direct" | "declaration_finding";

export interface DisciplineRow {
  caseId: number;
  origin: Origin;
  originFindingId: number | null;
  conductOn: string;
  regulationVersionId: number;
  citedProvisionIds: number[];
  noticeOn: string | null;
  defenceDueOn: string | null;
  defenceOn: string | null;
  decidedOn: string | null;
  measure: string | null;
  appliedProvisionIds: number[];
  appealDueOn: string | null;
  appealedOn: string | null;
  appealOutcome: string | null;
  appealDecidedOn: string | null;
  decidedBy: number | null;
}

const COLUMNS = `case_id::int AS "caseId", origin,
  origin_finding_id::int AS "originFindingId", conduct_on::text AS "conductOn",
  regulation_version_id::int AS "regulationVersionId",
  cited_provision_ids::int[] AS "citedProvisionIds", notice_on::text AS "noticeOn",
  defence_due_on::text AS "defenceDueOn", defence_on::text AS "defenceOn",
  decided_on::text AS "decidedOn", measure, applied_provision_ids::int[] AS "appliedProvisionIds",
  appeal_due_on::text AS "appealDueOn", appealed_on::text AS "appealedOn",
  appeal_outcome AS "appealOutcome", appeal_decided_on::text AS "appealDecidedOn",
  decided_by::int AS "decidedBy"`;

export async function insertDiscipline(
  tx: Queryable,
  d: {
    caseId: number;
    origin: Origin;
    meetingId: number | null;
    findingId: number | null;
    conductOn: string;
    versionId: number;
    provisionIds: number[];
  },
) {
  await tx.query(
    `INSERT INTO discipline_cases (case_id, origin, origin_meeting_id, origin_finding_id,
                                   conduct_on, regulation_version_id, cited_provision_ids)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [d.caseId, d.origin, d.meetingId, d.findingId, d.conductOn, d.versionId, d.provisionIds],
  );
}

export async function findDiscipline(db: Queryable, caseId: number): Promise<DisciplineRow | null> {
  const result = await db.query<DisciplineRow>(
    `SELECT ${COLUMNS} FROM discipline_cases WHERE case_id = $1`,
    [caseId],
  );
  return result.rows[0] ?? null;
}

/** Sets the given due-process columns; the names are this module's own, never input. */
export async function updateDiscipline(
  tx: Queryable,
  caseId: number,
  set: Partial<Record<DisciplineColumn, unknown>>,
) {
  const entries = Object.entries(set);
  if (entries.length === 0) return;
  const assignments = entries.map(
    ([column], i) => `${COLUMN_NAMES[column as DisciplineColumn]} = $${i + 2}`,
  );
  await tx.query(`UPDATE discipline_cases SET ${assignments.join(", ")} WHERE case_id = $1`, [
    caseId,
    ...entries.map(([, value]) => value),
  ]);
}

const COLUMN_NAMES = {
  noticeOn: "notice_on",
  defenceDueOn: "defence_due_on",
  defenceOn: "defence_on",
  decidedOn: "decided_on",
  measure: "measure",
  appliedProvisionIds: "applied_provision_ids",
  appealDueOn: "appeal_due_on",
  appealedOn: "appealed_on",
  appealOutcome: "appeal_outcome",
  appealDecidedOn: "appeal_decided_on",
  decidedBy: "decided_by",
} as const;
type DisciplineColumn = keyof typeof COLUMN_NAMES;

export interface ProvisionRef {
  id: number;
  articleNumber: number;
  articleLabel: string;
  seq: number;
  text: string;
}

/**
 * The version of 《中国共产党党员网络行为规定》 in force on a date: the latest to take effect on
 * or before it. Conduct is judged by the rule of its time, not by a later amendment.
 */
export async function versionInForce(db: Queryable, on: string): Promise<number | null> {
  const result = await db.query<{ id: number }>(
    `SELECT v.id::int AS id FROM regulation_versions v
       JOIN regulation_documents d ON d.id = v.document_id
      WHERE d.title = '中国共产党党员网络行为规定'
        AND COALESCE(v.effective_on, v.issued_on) <= $1::date
      ORDER BY COALESCE(v.effective_on, v.issued_on) DESC, v.version_no DESC LIMIT 1`,
    [on],
  );
  return result.rows[0]?.id ?? null;
}

/** Provisions of one version, all of them or only the given ids, in the order of the text. */
export async function provisionsOf(
  db: Queryable,
  versionId: number,
  ids?: number[],
): Promise<ProvisionRef[]> {
  const result = await db.query<ProvisionRef>(
    `SELECT p.id::int AS id, a.number AS "articleNumber", a.label AS "articleLabel", p.seq, p.text
       FROM regulation_provisions p
       JOIN regulation_articles a ON a.id = p.article_id
       JOIN regulation_version_articles va ON va.article_id = a.id AND va.version_id = $1
      WHERE ($2::bigint[] IS NULL OR p.id = ANY($2::bigint[]))
      ORDER BY va.position, p.seq`,
    [versionId, ids ?? null],
  );
  return result.rows;
}
