import type { Queryable } from "../../../platform/db/pool.ts";
import type { LinkType } from "./machine.ts";

export interface CaseLinkRow {
  linkType: LinkType;
  /** "to": this case opened the other one; "from": this case was opened from the other. */
  direction: "to" | "from";
  otherCaseId: number;
  createdOn: string;
}

export async function insertLink(
  tx: Queryable,
  l: { fromCaseId: number; toCaseId: number; linkType: LinkType; createdBy: number },
) {
  await tx.query(
    `INSERT INTO case_links (from_case_id, to_case_id, link_type, created_by)
     VALUES ($1, $2, $3, $4)`,
    [l.fromCaseId, l.toCaseId, l.linkType, l.createdBy],
  );
}

/** Both directions of a case's links, oldest first. */
export async function linksOf(db: Queryable, caseId: number): Promise<CaseLinkRow[]> {
  const result = await db.query<CaseLinkRow>(
    `SELECT link_type AS "linkType", 'to' AS direction, to_case_id::int AS "otherCaseId",
            created_on::text AS "createdOn", id
       FROM case_links WHERE from_case_id = $1
     UNION ALL
     SELECT link_type, 'from', from_case_id::int, created_on::text, id
       FROM case_links WHERE to_case_id = $1
     ORDER BY id`,
    [caseId],
  );
  return result.rows.map(({ linkType, direction, otherCaseId, createdOn }) => ({
    linkType,
    direction,
    otherCaseId,
    createdOn,
  }));
}
