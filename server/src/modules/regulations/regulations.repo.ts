import type { ArticleNumber, ParseWarning, Reference } from "@wanggui/regulation";
import type { Queryable } from "../../platform/db/pool.ts";

export async function findOrCreateDocument(
  tx: Queryable,
  title: string,
  issuer: string | null,
): Promise<number> {
  const found = await tx.query<{ id: number }>(
    `INSERT INTO regulation_documents (title, issuer) VALUES ($1, $2)
     ON CONFLICT (title) DO UPDATE SET issuer = coalesce(excluded.issuer, regulation_documents.issuer)
     RETURNING id`,
    [title, issuer],
  );
  return found.rows[0]?.id ?? 0;
}

export async function latestVersion(tx: Queryable, documentId: number) {
  const found = await tx.query<{ id: number; version_no: number; raw_sha256: string }>(
    "SELECT id, version_no, raw_sha256 FROM regulation_versions WHERE document_id = $1 ORDER BY version_no DESC LIMIT 1 FOR UPDATE",
    [documentId],
  );
  return found.rows[0] ?? null;
}

export async function insertVersion(
  tx: Queryable,
  v: {
    documentId: number;
    versionNo: number;
    issuedOn: string | null;
    effectiveOn: string | null;
    rawText: string;
    rawSha: string;
    source: string | null;
    preamble: string[];
    warnings: ParseWarning[];
    importedBy: number | null;
  },
): Promise<number> {
  const inserted = await tx.query<{ id: number }>(
    `INSERT INTO regulation_versions (document_id, version_no, issued_on, effective_on, raw_text, raw_sha256, source, preamble, warnings, imported_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      v.documentId,
      v.versionNo,
      v.issuedOn,
      v.effectiveOn,
      v.rawText,
      v.rawSha,
      v.source,
      v.preamble,
      JSON.stringify(v.warnings),
      v.importedBy,
    ],
  );
  return inserted.rows[0]?.id ?? 0;
}

export async function findArticle(
  tx: Queryable,
  documentId: number,
  number: ArticleNumber,
  digest: string,
) {
  const found = await tx.query<{ id: number }>(
    "SELECT id FROM regulation_articles WHERE document_id = $1 AND number = $2 AND sub = $3 AND content_digest = $4",
    [documentId, number.n, number.sub ?? 0, digest],
  );
  return found.rows[0]?.id ?? null;
}

export async function insertArticle(
  tx: Queryable,
  a: {
    documentId: number;
    number: ArticleNumber;
    label: string;
    digest: string;
    text: string;
    paragraphs: unknown;
  },
): Promise<number> {
  const inserted = await tx.query<{ id: number }>(
    `INSERT INTO regulation_articles (document_id, number, sub, label, content_digest, text, paragraphs)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      a.documentId,
      a.number.n,
      a.number.sub ?? 0,
      a.label,
      a.digest,
      a.text,
      JSON.stringify(a.paragraphs),
    ],
  );
  return inserted.rows[0]?.id ?? 0;
}

export async function insertProvisions(
  tx: Queryable,
  articleId: number,
  provisions: { kind: string; subjects: string[]; text: string; vector: string }[],
) {
  if (provisions.length === 0) return;
  await tx.query(
    `INSERT INTO regulation_provisions (article_id, seq, kind, subjects, text, search_vector)
     SELECT $1, p.seq, p.kind, string_to_array(p.subjects, ','), p.text, p.vector::tsvector
       FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[]) AS p(seq, kind, subjects, text, vector)`,
    [
      articleId,
      provisions.map((_, i) => i + 1),
      provisions.map((p) => p.kind),
      provisions.map((p) => p.subjects.join(",")),
      provisions.map((p) => p.text),
      provisions.map((p) => p.vector),
    ],
  );
}

export async function insertReferences(tx: Queryable, articleId: number, references: Reference[]) {
  if (references.length === 0) return;
  await tx.query(
    `INSERT INTO regulation_references (article_id, seq, reference)
     SELECT $1, r.seq, r.ref FROM unnest($2::int[], $3::jsonb[]) AS r(seq, ref)`,
    [articleId, references.map((_, i) => i + 1), references.map((r) => JSON.stringify(r))],
  );
}

export async function linkArticle(
  tx: Queryable,
  l: {
    versionId: number;
    articleId: number;
    position: number;
    eid: string;
    chapter: { number: number | null; label: string; heading: string } | null;
  },
) {
  await tx.query(
    `INSERT INTO regulation_version_articles (version_id, article_id, position, eid, chapter_number, chapter_label, chapter_heading)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      l.versionId,
      l.articleId,
      l.position,
      l.eid,
      l.chapter?.number ?? null,
      l.chapter?.label ?? null,
      l.chapter?.heading ?? null,
    ],
  );
}
