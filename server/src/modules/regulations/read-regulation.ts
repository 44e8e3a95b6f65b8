import type { Queryable } from "../../platform/db/pool.ts";
import { NotFound } from "../../platform/errors.ts";
import * as q from "./regulations.query-repo.ts";

const REGULATION = { "zh-CN": "规定或版本", "en-US": "Regulation or version" };
const ARTICLE = { "zh-CN": "条文", "en-US": "Article" };

export async function requireVersion(db: Queryable, documentId: number, versionNo?: number) {
  const version = await q.findVersion(db, documentId, versionNo);
  if (!version) throw new NotFound(REGULATION);
  return version;
}

/** The table of contents: chapters in order, each with its articles. */
export async function getDocumentTree(db: Queryable, documentId: number, versionNo?: number) {
  const version = await requireVersion(db, documentId, versionNo);
  const articles = await q.versionArticles(db, version.id);
  const chapters: {
    number: number | null;
    label: string | null;
    heading: string | null;
    articles: { id: number; number: number; sub: number; label: string; eId: string }[];
  }[] = [];
  for (const a of articles) {
    let last = chapters[chapters.length - 1];
    if (!last || last.label !== a.chapter_label) {
      last = {
        number: a.chapter_number,
        label: a.chapter_label,
        heading: a.chapter_heading,
        articles: [],
      };
      chapters.push(last);
    }
    last.articles.push({
      id: a.article_id,
      number: a.number,
      sub: a.sub,
      label: a.label,
      eId: a.eid,
    });
  }
  return {
    documentId,
    title: version.title,
    issuer: version.issuer,
    versionNo: version.version_no,
    issuedOn: version.issued_on,
    effectiveOn: version.effective_on,
    source: version.source,
    preamble: version.preamble,
    chapters,
    warnings: version.warnings,
  };
}

export function presentProvision(p: q.ProvisionRow) {
  return {
    id: p.id,
    seq: p.seq,
    kind: p.kind,
    subjects: p.subjects,
    text: p.text,
    automatic: { kind: p.auto_kind, subjects: p.auto_subjects },
    correction: p.correction,
    article: { number: p.article_number, sub: p.article_sub, label: p.article_label },
  };
}

/** One article with its provisions, its references (internal ones resolved to articles of
 * the same version) and its neighbours for paging. */
export async function getArticle(
  db: Queryable,
  documentId: number,
  numberParam: string,
  versionNo?: number,
) {
  const version = await requireVersion(db, documentId, versionNo);
  const [n, sub] = numberParam.split("-").map(Number);
  const article = await q.findArticleInVersion(db, version.id, n ?? 0, sub ?? 0);
  if (!article) throw new NotFound(ARTICLE);
  const all = await q.versionArticles(db, version.id);
  const byEid = all.map((a) => ({ eid: a.eid, number: a.number, sub: a.sub }));
  const resolve = (eId: unknown) => {
    if (typeof eId !== "string") return null;
    const target = byEid.find((a) => eId === a.eid || eId.startsWith(`${a.eid}__`));
    return target ? { number: target.number, sub: target.sub } : null;
  };
  const references = (await q.articleReferences(db, article.id)).map((r) => ({
    kind: r.kind as "internal" | "external",
    text: String(r.text ?? ""),
    ...(typeof r.title === "string" ? { title: r.title } : {}),
    ...(typeof r.target === "string" ? { target: r.target } : {}),
    ...(r.kind === "internal"
      ? { eId: (r.eId as string | null) ?? null, article: resolve(r.eId) }
      : {}),
  }));
  const neighbour = (offset: number) => {
    const a = all[article.position + offset];
    return a ? { number: a.number, sub: a.sub } : null;
  };
  return {
    id: article.id,
    documentId,
    versionNo: version.version_no,
    number: article.number,
    sub: article.sub,
    label: article.label,
    eId: article.eid,
    chapter: {
      number: article.chapter_number,
      label: article.chapter_label,
      heading: article.chapter_heading,
    },
    text: article.text,
    paragraphs: article.paragraphs,
    provisions: (await q.articleProvisions(db, article.id)).map(presentProvision),
    references,
    previous: neighbour(-1),
    next: neighbour(1),
  };
}

/** "What binds me": a cadre is a member too, so cadre provisions add to member ones. */
export async function listProvisions(
  db: Queryable,
  documentId: number,
  filter: { version?: number; kind?: string; binds?: string },
) {
  const version = await requireVersion(db, documentId, filter.version);
  const subjects =
    filter.binds === "cadre" ? ["cadre", "member"] : filter.binds ? [filter.binds] : null;
  const rows = await q.versionProvisions(
    db,
    version.id,
    filter.kind ? [filter.kind] : null,
    subjects,
  );
  return { items: rows.map(presentProvision) };
}
