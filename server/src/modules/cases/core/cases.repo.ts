import type { Queryable } from "../../../platform/db/pool.ts";
import type { CaseType } from "../case-types.ts";

export interface CaseRow {
  id: number;
  caseType: CaseType;
  number: string;
  orgId: number;
  orgPath: string;
  orgName: string;
  state: string;
  title: string;
  handlerUserId: number | null;
  handlerName: string | null;
  subjectMemberId: number | null;
  details: { platform?: string; provisionIds?: number[] };
  linkDigest: string | null;
  outcome: string | null;
  openedOn: string;
  ackDueOn: string | null;
  feedbackDueOn: string | null;
  closedOn: string | null;
}

const COLUMNS = `c.id, c.case_type AS "caseType", c.number, c.org_id AS "orgId",
  c.org_path::text AS "orgPath", o.name AS "orgName", c.state, c.title,
  c.handler_user_id AS "handlerUserId", hu.display_name AS "handlerName",
  c.subject_member_id AS "subjectMemberId", c.details, c.link_digest AS "linkDigest",
  c.outcome, c.opened_on::text AS "openedOn", c.ack_due_on::text AS "ackDueOn",
  c.feedback_due_on::text AS "feedbackDueOn", c.closed_on::text AS "closedOn"`;
const FROM = `FROM cases c JOIN orgs o ON o.id = c.org_id
  LEFT JOIN users hu ON hu.id = c.handler_user_id`;

export interface NewCase {
  caseType: CaseType;
  prefix: string;
  orgId: number;
  orgPath: string;
  state: string;
  title: string;
  subjectMemberId: number | null;
  details: CaseRow["details"];
  linkDigest: string | null;
  ackDays: number;
  feedbackDays: number;
}

export async function insertCase(
  tx: Queryable,
  c: NewCase,
): Promise<{ id: number; number: string }> {
  const result = await tx.query<{ id: string; number: string }>(
    `INSERT INTO cases (case_type, number, org_id, org_path, state, title, subject_member_id,
                        details, link_digest, ack_due_on, feedback_due_on)
     VALUES ($1, $2 || '-' || to_char(cn_today(), 'YYYY') || '-' ||
                 lpad(nextval('case_number_seq')::text, 6, '0'),
             $3, $4::ltree, $5, $6, $7, $8, $9, cn_today() + $10::int, cn_today() + $11::int)
     RETURNING id, number`,
    [
      c.caseType,
      c.prefix,
      c.orgId,
      c.orgPath,
      c.state,
      c.title,
      c.subjectMemberId,
      JSON.stringify(c.details),
      c.linkDigest,
      c.ackDays,
      c.feedbackDays,
    ],
  );
  const row = result.rows[0];
  if (!row) throw new Error("case insert returned nothing");
  return { id: Number(row.id), number: row.number };
}

export async function findCase(db: Queryable, id: number, lock = false): Promise<CaseRow | null> {
  const result = await db.query<CaseRow>(
    `SELECT ${COLUMNS} ${FROM} WHERE c.id = $1 AND c.erased_on IS NULL ${lock ? "FOR UPDATE OF c" : ""}`,
    [id],
  );
  return result.rows[0] ?? null;
}

export async function setState(
  tx: Queryable,
  id: number,
  state: string,
  final: boolean,
  outcome: string | null,
) {
  await tx.query(
    `UPDATE cases SET state = $2, outcome = COALESCE($4, outcome),
            closed_on = CASE WHEN $3 THEN cn_today() ELSE closed_on END
      WHERE id = $1`,
    [id, state, final, outcome],
  );
}

export async function setHandler(tx: Queryable, id: number, userId: number) {
  await tx.query("UPDATE cases SET handler_user_id = $2 WHERE id = $1", [id, userId]);
}

export interface CaseListFilter {
  /** Cases that name this member or were filed under this digest are left out: the caller
   * must step aside from them, and should not learn they exist. */
  exceptMemberId: number | null;
  exceptFilerDigests: string[];
  caseType?: CaseType;
  state?: string;
  cursor?: number;
  limit: number;
}

/** Cases in the caller's handling scope, newest first, a keyset page at a time. */
export async function listCases(
  db: Queryable,
  scope: (column: string, params: unknown[]) => string,
  f: CaseListFilter,
): Promise<{ items: CaseRow[]; nextCursor: number | null }> {
  const params: unknown[] = [];
  const where = [scope("c.org_path", params), "c.erased_on IS NULL"];
  params.push(f.exceptMemberId, f.exceptFilerDigests);
  where.push(
    `($${params.length - 1}::bigint IS NULL OR c.subject_member_id IS DISTINCT FROM $${params.length - 1}::bigint)`,
  );
  where.push(
    `NOT EXISTS (SELECT 1 FROM case_filers cf WHERE cf.case_id = c.id AND cf.filer_digest = ANY($${params.length}::text[]))`,
  );
  if (f.caseType) {
    params.push(f.caseType);
    where.push(`c.case_type = $${params.length}`);
  }
  if (f.state) {
    params.push(f.state);
    where.push(`c.state = $${params.length}`);
  }
  if (f.cursor) {
    params.push(f.cursor);
    where.push(`c.id < $${params.length}`);
  }
  params.push(f.limit + 1);
  const result = await db.query<CaseRow>(
    `SELECT ${COLUMNS} ${FROM} WHERE ${where.join(" AND ")} ORDER BY c.id DESC LIMIT $${params.length}`,
    params,
  );
  const items = result.rows.slice(0, f.limit);
  const more = result.rows.length > f.limit;
  return { items, nextCursor: more ? (items.at(-1)?.id ?? null) : null };
}

/** Open cases on the same link or naming the same member, for the handler to consider merging. */
export async function relatedOpenCases(db: Queryable, c: CaseRow): Promise<CaseRow[]> {
  if (!c.linkDigest && !c.subjectMemberId) return [];
  const result = await db.query<CaseRow>(
    `SELECT ${COLUMNS} ${FROM}
      WHERE c.id <> $1 AND c.case_type = $2 AND c.erased_on IS NULL
        AND c.org_path <@ $3::ltree AND c.opened_on >= cn_today() - 90
        AND ((c.link_digest IS NOT NULL AND c.link_digest = $4)
          OR (c.subject_member_id IS NOT NULL AND c.subject_member_id = $5))
      ORDER BY c.id DESC LIMIT 20`,
    [c.id, c.caseType, c.orgPath, c.linkDigest, c.subjectMemberId],
  );
  return result.rows;
}

export async function casesByIds(db: Queryable, ids: number[]): Promise<CaseRow[]> {
  if (ids.length === 0) return [];
  const result = await db.query<CaseRow>(
    `SELECT ${COLUMNS} ${FROM} WHERE c.id = ANY($1::bigint[]) AND c.erased_on IS NULL ORDER BY c.id DESC`,
    [ids],
  );
  return result.rows;
}
