import { NUMERAL_CLASS, parseNumeral } from "./numerals.ts";
import type { Article, ArticleNumber, RegulationDocument } from "./types.ts";
import { type ArticleInContext, articlesInOrder } from "./walk.ts";

export type InternalTarget = "article" | "paragraph" | "item" | "part" | "chapter" | "section";

export interface InternalReference {
  kind: "internal";
  /** The words as they appear, e.g. 本规定第十条, 前款, 本章. */
  text: string;
  target: InternalTarget;
  /** eId of the target, or null when the document has no such element. */
  eId: string | null;
  /** eId of the paragraph or point the reference sits in. */
  from: string;
}

export interface ExternalReference {
  kind: "external";
  text: string;
  /** The cited instrument: 中国共产党党员教育管理工作条例, or a generic 有关规定, 党规党纪. */
  title: string;
  article?: ArticleNumber;
  from: string;
}

export type Reference = InternalReference | ExternalReference;

const N = `(${NUMERAL_CLASS}+)`;
const REFERENCE = new RegExp(
  [
    `《(?<title>[^《》]+)》(?:第${N}条(?:之${N})?)?`,
    `(?<own>本(?:规定|法|条例|办法|规则|细则|准则))?第${N}条(?:之${N})?(?:第${N}款)?(?:第${N}项)?`,
    `(?<thisArticle>本条)?第${N}款(?:第${N}项)?`,
    "前(?<count>[两二三四五六七八九])?款",
    "本(?<here>条|章|节|编)",
    "(?<generic>(?:军队|国家)?有关(?:党内法规|法律法规|法律规定|规定)|党规党纪|法律法规|党内法规)",
  ].join("|"),
  "gu",
);

/** References of every article, keyed by the article's eId. */
export function cite(doc: RegulationDocument): Map<string, Reference[]> {
  const located = articlesInOrder(doc.body);
  const byNumber = new Map(located.map((l) => [numberKey(l.article.number), l.article]));
  return new Map(located.map((l) => [l.article.eId, citeArticle(l, byNumber)]));
}

function numberKey(n: ArticleNumber): string {
  return n.sub === undefined ? `${n.n}` : `${n.n}_${n.sub}`;
}

function citeArticle(where: ArticleInContext, byNumber: Map<string, Article>): Reference[] {
  const { article } = where;
  const refs: Reference[] = [];
  article.paragraphs.forEach((paragraph, index) => {
    const blocks = [
      { eId: paragraph.eId, text: paragraph.text },
      ...paragraph.items.flatMap((i) => [i, ...i.subitems]),
    ];
    for (const block of blocks) {
      for (const m of block.text.matchAll(REFERENCE)) {
        refs.push(...resolve(m, block.eId, index, where, byNumber));
      }
    }
  });
  return refs;
}

function resolve(
  m: RegExpMatchArray,
  from: string,
  paragraphIndex: number,
  { article, ancestors }: ArticleInContext,
  byNumber: Map<string, Article>,
): Reference[] {
  const text = m[0];
  const g = m.groups ?? {};
  const num = (i: number) => parseNumeral(m[i] ?? "");
  const internal = (target: InternalTarget, eId: string | null): InternalReference => ({
    kind: "internal",
    text,
    target,
    eId,
    from,
  });
  if (g.title !== undefined) {
    const n = num(2);
    const sub = num(3);
    const ref: ExternalReference = { kind: "external", text, title: g.title, from };
    if (n !== null) ref.article = sub === null ? { n } : { n, sub };
    return [ref];
  }
  if (g.generic !== undefined) return [{ kind: "external", text, title: g.generic, from }];
  if (m[5] !== undefined) {
    const n = num(5) ?? 0;
    const sub = num(6);
    const target = byNumber.get(numberKey(sub === null ? { n } : { n, sub })) ?? null;
    return [pointAt(target, num(7), num(8), internal)];
  }
  if (m[10] !== undefined) return [pointAt(article, num(10), num(11), internal)];
  if (text.startsWith("前")) {
    const count = g.count === undefined ? 1 : (parseNumeral(g.count) ?? 1);
    const first = Math.max(0, paragraphIndex - count);
    return article.paragraphs.slice(first, paragraphIndex).map((p) => internal("paragraph", p.eId));
  }
  if (g.here === "条") return [internal("article", article.eId)];
  const level = g.here === "章" ? "chapter" : g.here === "节" ? "section" : "part";
  const division = ancestors.findLast((d) => d.level === level);
  return [internal(level, division?.eId ?? null)];
}

function pointAt(
  article: Article | null,
  paragraphNumber: number | null,
  itemNumber: number | null,
  internal: (target: InternalTarget, eId: string | null) => InternalReference,
): InternalReference {
  if (article === null) return internal(paragraphNumber === null ? "article" : "paragraph", null);
  if (paragraphNumber === null) return internal("article", article.eId);
  const paragraph = article.paragraphs[paragraphNumber - 1];
  if (itemNumber === null) return internal("paragraph", paragraph?.eId ?? null);
  return internal("item", paragraph?.items[itemNumber - 1]?.eId ?? null);
}
