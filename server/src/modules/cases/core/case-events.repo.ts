import type { Queryable } from "../../../platform/db/pool.ts";

export interface CaseEventRow {
  id: number;
  kind: string;
  fromState: string | null;
  toState: string | null;
  visibleToFiler: boolean;
  byFiler: boolean;
  actorName: string | null;
  body: Buffer | null;
  meta: Record<string, unknown>;
  createdOn: string;
}

export interface NewCaseEvent {
  caseId: number;
  kind: string;
  fromState?: string | null;
  toState?: string | null;
  visibleToFiler: boolean;
  /** Null when the filer acted. */
  actorUserId: number | null;
  byFiler: boolean;
  body: Buffer | null;
  meta?: Record<string, unknown>;
}

export async function insertEvent(tx: Queryable, e: NewCaseEvent): Promise<number> {
  const result = await tx.query<{ id: string }>(
    `INSERT INTO case_events (case_id, kind, from_state, to_state, visible_to_filer,
                              actor_user_id, by_filer, body, meta)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      e.caseId,
      e.kind,
      e.fromState ?? null,
      e.toState ?? null,
      e.visibleToFiler,
      e.actorUserId,
      e.byFiler,
      e.body,
      JSON.stringify(e.meta ?? {}),
    ],
  );
  return Number(result.rows[0]?.id);
}

/** A case's history in order; the filer's view holds only what was meant for them. */
export async function listEvents(
  db: Queryable,
  caseId: number,
  filerView: boolean,
): Promise<CaseEventRow[]> {
  const result = await db.query<CaseEventRow>(
    `SELECT e.id, e.kind, e.from_state AS "fromState", e.to_state AS "toState",
            e.visible_to_filer AS "visibleToFiler", e.by_filer AS "byFiler",
            CASE WHEN $2 THEN NULL ELSE u.display_name END AS "actorName",
            e.body, e.meta, e.created_on::text AS "createdOn"
       FROM case_events e LEFT JOIN users u ON u.id = e.actor_user_id
      WHERE e.case_id = $1 ${filerView ? "AND e.visible_to_filer" : ""}
      ORDER BY e.id`,
    [caseId, filerView],
  );
  return result.rows;
}

export async function insertFiler(
  tx: Queryable,
  caseId: number,
  digest: string | null,
  identity: Buffer | null,
  anonymous: boolean,
) {
  await tx.query(
    "INSERT INTO case_filers (case_id, filer_digest, identity, anonymous) VALUES ($1, $2, $3, $4)",
    [caseId, digest, identity, anonymous],
  );
}

export async function findFiler(
  db: Queryable,
  caseId: number,
): Promise<{ digest: string | null; identity: Buffer | null; anonymous: boolean } | null> {
  const result = await db.query<{
    digest: string | null;
    identity: Buffer | null;
    anonymous: boolean;
  }>("SELECT filer_digest AS digest, identity, anonymous FROM case_filers WHERE case_id = $1", [
    caseId,
  ]);
  return result.rows[0] ?? null;
}

export async function caseIdsFiledBy(db: Queryable, digests: string[]): Promise<number[]> {
  const result = await db.query<{ id: string }>(
    "SELECT case_id AS id FROM case_filers WHERE filer_digest = ANY($1::text[]) ORDER BY case_id DESC",
    [digests],
  );
  return result.rows.map((r) => Number(r.id));
}

export async function insertFile(
  tx: Queryable,
  f: {
    caseId: number;
    eventId: number;
    sha256: string;
    fileName: Buffer;
    mime: string;
    size: number;
    byFiler: boolean;
  },
) {
  const result = await tx.query<{ id: string }>(
    `INSERT INTO case_files (case_id, event_id, sha256, file_name, mime, size, by_filer)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [f.caseId, f.eventId, f.sha256, f.fileName, f.mime, f.size, f.byFiler],
  );
  return Number(result.rows[0]?.id);
}

export interface CaseFileRow {
  id: number;
  eventId: number;
  /** Null once retention erased the case and its file was released. */
  sha256: string | null;
  fileName: Buffer;
  mime: string;
  size: number;
  byFiler: boolean;
}

export async function listFiles(db: Queryable, caseId: number): Promise<CaseFileRow[]> {
  const result = await db.query<CaseFileRow>(
    `SELECT id, event_id AS "eventId", sha256, file_name AS "fileName", mime, size,
            by_filer AS "byFiler"
       FROM case_files WHERE case_id = $1 ORDER BY id`,
    [caseId],
  );
  return result.rows;
}
