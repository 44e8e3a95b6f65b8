import type { Queryable } from "../../platform/db/pool.ts";
import { searchProvisions } from "./regulations.query-repo.ts";
import { highlight, orQuery, queryTerms, termQueries } from "./segment.ts";

export async function searchRegulations(
  db: Queryable,
  query: { q: string; docId?: number; page: number; pageSize: number },
) {
  const terms = queryTerms(query.q);
  if (terms.length === 0) return { terms, total: 0, items: [] };
  const rows = await searchProvisions(db, {
    or: orQuery(terms),
    terms: termQueries(terms),
    phrase: query.q.replace(/\s+/g, ""),
    documentId: query.docId ?? null,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return {
    terms,
    total: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      documentId: r.document_id,
      title: r.title,
      versionNo: r.version_no,
      provisionId: r.provision_id,
      article: { number: r.article_number, sub: r.article_sub, label: r.article_label },
      kind: r.kind,
      subjects: r.subjects,
      snippet: highlight(r.text, terms),
      score: Number(r.score),
    })),
  };
}
