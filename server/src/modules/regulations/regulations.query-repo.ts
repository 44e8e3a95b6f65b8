import type { Queryable } from "../../platform/db/pool.ts";

/** Reads of stored regulations. Regulations are reference texts for the whole system, not
 * records of an org, so they carry no org scope; every signed-in role may read them. */

export async function listDocuments(db: Queryable) {
  const rows = await db.query<{
    id: number;
    title: string;
    issuer: string | null;
    versions: {
      id: number;
      versionNo: number;
      issuedOn: string | null;
      effectiveOn: string | null;
      importedAt: string;
      articles: number;
    }[];
  }>(
    `SELECT d.id, d.title, d.issuer,
            json_agg(json_build_object('id', v.id, 'versionNo', v.version_no, 'issuedOn', v.issued_on,
              'effectiveOn', v.effective_on, 'importedAt', v.imported_at,
              'articles', (SELECT count(*) FROM regulation_version_articles va WHERE va.version_id = v.id))
              ORDER BY v.version_no DESC) AS versions
       FROM regulation_documents d JOIN regulation_versions v ON v.document_id = d.id
      GROUP BY d.id ORDER BY d.id`,
  );
  return rows.rows;
}

export interface VersionRow {
  id: number;
  document_id: number;
  title: string;
  issuer: string | null;
  version_no: number;
  issued_on: string | null;
  effective_on: string | null;
  source: string | null;
  preamble: string[];
  warnings: unknown[];
  raw_text: string;
}

/** A version by number, or the latest when versionNo is undefined. */
export async function findDocumentByTitle(db: Queryable, title: string) {
  const rows = await db.query<{ id: number }>(
    "SELECT id FROM regulation_documents WHERE title = $1",
    [title],
  );
  return rows.rows[0]?.id ?? null;
}

export async function findVersion(
  db: Queryable,
  documentId: number,
  versionNo?: number,
): Promise<VersionRow | null> {
  const rows = await db.query<VersionRow>(
    `SELECT v.id, v.document_id, d.title, d.issuer, v.version_no, v.issued_on, v.effective_on, v.source,
            v.preamble, v.warnings, v.raw_text
       FROM regulation_versions v JOIN regulation_documents d ON d.id = v.document_id
      WHERE v.document_id = $1 AND ($2::int IS NULL OR v.version_no = $2)
      ORDER BY v.version_no DESC LIMIT 1`,
    [documentId, versionNo ?? null],
  );
  return rows.rows[0] ?? null;
}

export async function versionArticles(db: Queryable, versionId: number) {
  const rows = await db.query<{
    article_id: number;
    number: number;
    sub: number;
    label: string;
    eid: string;
    chapter_number: number | null;
    chapter_label: string | null;
    chapter_heading: string | null;
  }>(
    `SELECT va.article_id, a.number, a.sub, a.label, va.eid, va.chapter_number, va.chapter_label, va.chapter_heading
       FROM regulation_version_articles va JOIN regulation_articles a ON a.id = va.article_id
      WHERE va.version_id = $1 ORDER BY va.position`,
    [versionId],
  );
  return rows.rows;
}

export async function findArticleInVersion(
  db: Queryable,
  versionId: number,
  number: number,
  sub: number,
) {
  const rows = await db.query<{
    id: number;
    number: number;
    sub: number;
    label: string;
    text: string;
    paragraphs: unknown;
    eid: string;
    position: number;
    chapter_number: number | null;
    chapter_label: string | null;
    chapter_heading: string | null;
  }>(
    `SELECT a.id, a.number, a.sub, a.label, a.text, a.paragraphs, va.eid, va.position,
            va.chapter_number, va.chapter_label, va.chapter_heading
       FROM regulation_version_articles va JOIN regulation_articles a ON a.id = va.article_id
      WHERE va.version_id = $1 AND a.number = $2 AND a.sub = $3`,
    [versionId, number, sub],
  );
  return rows.rows[0] ?? null;
}

export interface ProvisionRow {
  id: number;
  article_id: number;
  seq: number;
  auto_kind: string;
  auto_subjects: string[];
  kind: string;
  subjects: string[];
  text: string;
  correction: {
    kind: string;
    subjects: string[];
    note: string;
    correctedBy: string;
    correctedAt: string;
  } | null;
  article_number: number;
  article_sub: number;
  article_label: string;
}

const PROVISION_SELECT = `
  SELECT p.id, p.article_id, p.seq, p.kind AS auto_kind, p.subjects AS auto_subjects,
         coalesce(c.kind, p.kind) AS kind, coalesce(c.subjects, p.subjects) AS subjects, p.text,
         CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object('kind', c.kind, 'subjects', c.subjects,
           'note', c.note, 'correctedBy', c.display_name, 'correctedAt', c.corrected_at) END AS correction,
         a.number AS article_number, a.sub AS article_sub, a.label AS article_label
    FROM regulation_provisions p
    JOIN regulation_articles a ON a.id = p.article_id
    LEFT JOIN LATERAL (
      SELECT rc.id, rc.kind, rc.subjects, rc.note, rc.corrected_at, u.display_name
        FROM regulation_provision_corrections rc JOIN users u ON u.id = rc.corrected_by
       WHERE rc.provision_id = p.id ORDER BY rc.id DESC LIMIT 1) c ON true`;

export async function articleProvisions(db: Queryable, articleId: number) {
  const rows = await db.query<ProvisionRow>(
    `${PROVISION_SELECT} WHERE p.article_id = $1 ORDER BY p.seq`,
    [articleId],
  );
  return rows.rows;
}

/** Provisions of a version, filtered by kind and by who they bind (in force annotations). */
export async function versionProvisions(
  db: Queryable,
  versionId: number,
  kinds: string[] | null,
  subjects: string[] | null,
) {
  const rows = await db.query<ProvisionRow>(
    `SELECT * FROM (${PROVISION_SELECT}
       JOIN regulation_version_articles va ON va.article_id = p.article_id AND va.version_id = $1) x
      WHERE ($2::text[] IS NULL OR x.kind = ANY($2)) AND ($3::text[] IS NULL OR x.subjects && $3)
      ORDER BY (SELECT position FROM regulation_version_articles WHERE version_id = $1 AND article_id = x.article_id), x.seq`,
    [versionId, kinds, subjects],
  );
  return rows.rows;
}

export async function articleReferences(db: Queryable, articleId: number) {
  const rows = await db.query<{ reference: Record<string, unknown> }>(
    "SELECT reference FROM regulation_references WHERE article_id = $1 ORDER BY seq",
    [articleId],
  );
  return rows.rows.map((r) => r.reference);
}

export async function findProvision(db: Queryable, provisionId: number) {
  const rows = await db.query<{
    id: number;
    kind: string;
    subjects: string[];
    document_id: number;
  }>(
    `SELECT p.id, p.kind, p.subjects, a.document_id FROM regulation_provisions p
       JOIN regulation_articles a ON a.id = p.article_id WHERE p.id = $1`,
    [provisionId],
  );
  return rows.rows[0] ?? null;
}

export interface SearchRow {
  document_id: number;
  title: string;
  version_no: number;
  provision_id: number;
  article_number: number;
  article_sub: number;
  article_label: string;
  kind: string;
  subjects: string[];
  text: string;
  score: number;
}

/**
 * Best provision per article of each document's latest version, ranked first by how many of
 * the query's words it contains, then by PostgreSQL's cover-density rank (nearby words score
 * higher), with a bonus when the query appears verbatim.
 */
export async function searchProvisions(
  db: Queryable,
  q: {
    or: string;
    terms: string[];
    phrase: string;
    documentId: number | null;
    limit: number;
    offset: number;
  },
) {
  const rows = await db.query<SearchRow & { total: number }>(
    `WITH latest AS (
       SELECT DISTINCT ON (document_id) id, document_id, version_no FROM regulation_versions
        WHERE $4::bigint IS NULL OR document_id = $4 ORDER BY document_id, version_no DESC),
     hits AS (
       SELECT l.document_id, l.version_no, p.id AS provision_id, a.number AS article_number, a.sub AS article_sub,
              a.label AS article_label, p.kind, p.subjects, p.text, va.position,
              (SELECT count(*) FROM unnest($2::text[]) t WHERE p.search_vector @@ t::tsquery) * 1.0
                + ts_rank_cd(p.search_vector, $1::tsquery)
                + CASE WHEN length($3) > 1 AND strpos(p.text, $3) > 0 THEN 5 ELSE 0 END AS score
         FROM latest l
         JOIN regulation_version_articles va ON va.version_id = l.id
         JOIN regulation_articles a ON a.id = va.article_id
         JOIN regulation_provisions p ON p.article_id = a.id
        WHERE p.search_vector @@ $1::tsquery),
     best AS (
       SELECT DISTINCT ON (document_id, article_number, article_sub) * FROM hits
        ORDER BY document_id, article_number, article_sub, score DESC)
     SELECT b.*, d.title, count(*) OVER ()::int AS total FROM best b JOIN regulation_documents d ON d.id = b.document_id
      ORDER BY b.score DESC, b.document_id, b.position LIMIT $5 OFFSET $6`,
    [q.or, q.terms, q.phrase, q.documentId, q.limit, q.offset],
  );
  return rows.rows;
}

/**
 * The fallback when no provision holds any of the query's words: a provision matches when it
 * holds at least one character of every word (删帖谋利 finds 删除…谋取不正当利益), ranked by
 * how many of the query's characters it holds. Plain LIKE: the regulations are a few thousand
 * provisions, and a single character is shorter than any index's token.
 */
export async function searchProvisionsByChars(
  db: Queryable,
  q: { termChars: string[][]; documentId: number | null; limit: number; offset: number },
) {
  const chars = [...new Set(q.termChars.flat())];
  const params: unknown[] = [q.documentId, q.limit, q.offset, chars];
  const perTerm = q.termChars.map((termChars) => {
    params.push(termChars);
    return `EXISTS (SELECT 1 FROM unnest($${params.length}::text[]) c WHERE strpos(p.text, c) > 0)`;
  });
  const rows = await db.query<SearchRow & { total: number }>(
    `WITH latest AS (
       SELECT DISTINCT ON (document_id) id, document_id, version_no FROM regulation_versions
        WHERE $1::bigint IS NULL OR document_id = $1 ORDER BY document_id, version_no DESC),
     hits AS (
       SELECT l.document_id, l.version_no, p.id AS provision_id, a.number AS article_number, a.sub AS article_sub,
              a.label AS article_label, p.kind, p.subjects, p.text, va.position,
              (SELECT count(*) FROM unnest($4::text[]) c WHERE strpos(p.text, c) > 0) * 0.1 AS score
         FROM latest l
         JOIN regulation_version_articles va ON va.version_id = l.id
         JOIN regulation_articles a ON a.id = va.article_id
         JOIN regulation_provisions p ON p.article_id = a.id
        WHERE ${perTerm.join(" AND ")}),
     best AS (
       SELECT DISTINCT ON (document_id, article_number, article_sub) * FROM hits
        ORDER BY document_id, article_number, article_sub, score DESC)
     SELECT b.*, d.title, count(*) OVER ()::int AS total FROM best b JOIN regulation_documents d ON d.id = b.document_id
      ORDER BY b.score DESC, b.document_id, b.position LIMIT $2 OFFSET $3`,
    params,
  );
  return rows.rows;
}
