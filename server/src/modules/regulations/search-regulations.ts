import type { Queryable } from "../../platform/db/pool.ts";
import {
  type SearchRow,
  searchProvisions,
  searchProvisionsByChars,
} from "./regulations.query-repo.ts";
import { highlight, orQuery, queryTerms, termChars, termQueries } from "./segment.ts";

/**
 * Provisions ranked by the query's words. When no provision holds any of them (a member types
 * 删帖谋利 for 删除网络信息…谋取不正当利益), the words' characters are matched instead, so a
 * plain-words query still finds its article; such answers say so (`match: "characters"`) and
 * always score below any word hit.
 */
export async function searchRegulations(
  db: Queryable,
  query: { q: string; docId?: number; page: number; pageSize: number },
) {
  const terms = await queryTerms(query.q);
  if (terms.length === 0) return { terms, match: "words" as const, total: 0, items: [] };
  const page = {
    documentId: query.docId ?? null,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  };
  const wordQuery = {
    or: orQuery(terms),
    terms: termQueries(terms),
    phrase: query.q.replace(/\s+/g, ""),
  };
  const words = await searchProvisions(db, { ...wordQuery, ...page });
  // An empty later page is either past the end of the word hits or a query without any.
  const byWords =
    words.length > 0 ||
    (page.offset > 0 &&
      (await searchProvisions(db, { ...wordQuery, ...page, limit: 1, offset: 0 })).length > 0);
  const rows = byWords
    ? words
    : await searchProvisionsByChars(db, { termChars: terms.map(termChars), ...page });
  const marks = byWords ? terms : [...new Set(terms.flatMap(termChars))];
  return {
    terms,
    match: byWords ? ("words" as const) : ("characters" as const),
    total: rows[0]?.total ?? 0,
    items: rows.map((r: SearchRow) => ({
      documentId: r.document_id,
      title: r.title,
      versionNo: r.version_no,
      provisionId: r.provision_id,
      article: { number: r.article_number, sub: r.article_sub, label: r.article_label },
      kind: r.kind,
      subjects: r.subjects,
      snippet: highlight(r.text, marks),
      score: Number(r.score),
    })),
  };
}
