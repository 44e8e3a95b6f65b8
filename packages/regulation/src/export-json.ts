import { annotate, type Provision } from "./annotate.ts";
import { cite, type Reference } from "./cite.ts";
import type { ParseWarning } from "./errors.ts";
import type { RegulationDocument } from "./types.ts";
import { articlesInOrder, articleText, divisionsInOrder } from "./walk.ts";

export interface JsonChapter {
  number: number;
  heading: string;
  eId: string;
  supplementary: boolean;
  /** Article numbers; a 第X条之一 appears as X here, its `articleIds` entry tells them apart. */
  articles: number[];
  articleIds: string[];
}

export interface JsonArticle {
  number: number;
  /** 1 for 第X条之一, absent otherwise. */
  sub?: number;
  label: string;
  eId: string;
  /** Number of the enclosing 章, null outside any chapter. */
  chapter: number | null;
  chapterId: string | null;
  text: string;
  paragraphs: {
    text: string;
    eId: string;
    items: { num: string; text: string; subitems: { num: string; text: string }[] }[];
  }[];
  provisions: Omit<Provision, "in">[];
  references: Reference[];
}

export interface JsonDocument {
  title: string;
  issuer: string | null;
  issuedOn: string | null;
  source: string | null;
  preamble: string[];
  chapters: JsonChapter[];
  articles: JsonArticle[];
  annexes: { heading: string; lines: string[] }[];
  warnings: ParseWarning[];
}

/** The document as plain JSON-ready data, with provisions and references resolved. */
export function toJson(doc: RegulationDocument): JsonDocument {
  const provisions = annotate(doc);
  const references = cite(doc);
  const chapters = new Map<string, JsonChapter>(
    divisionsInOrder(doc.body)
      .filter((d) => d.level === "chapter")
      .map((d) => [
        d.eId,
        {
          number: d.number ?? 0,
          heading: d.heading,
          eId: d.eId,
          supplementary: d.supplementary,
          articles: [],
          articleIds: [],
        },
      ]),
  );
  const articles = articlesInOrder(doc.body).map(({ article, ancestors }): JsonArticle => {
    const chapter = ancestors.findLast((d) => d.level === "chapter");
    const entry = chapter === undefined ? undefined : chapters.get(chapter.eId);
    entry?.articles.push(article.number.n);
    entry?.articleIds.push(article.eId);
    return {
      number: article.number.n,
      ...(article.number.sub === undefined ? {} : { sub: article.number.sub }),
      label: article.label,
      eId: article.eId,
      chapter: chapter?.number ?? null,
      chapterId: chapter?.eId ?? null,
      text: articleText(article),
      paragraphs: article.paragraphs.map((p) => ({
        text: p.text,
        eId: p.eId,
        items: p.items.map((i) => ({
          num: i.num,
          text: i.text,
          subitems: i.subitems.map((s) => ({ num: s.num, text: s.text })),
        })),
      })),
      provisions: (provisions.get(article.eId) ?? []).map(({ kind, subjects, text }) => ({
        kind,
        subjects,
        text,
      })),
      references: references.get(article.eId) ?? [],
    };
  });
  return {
    title: doc.title,
    issuer: doc.issuer,
    issuedOn: doc.issuedOn,
    source: doc.source,
    preamble: doc.preamble,
    chapters: [...chapters.values()],
    articles,
    annexes: doc.annexes.map(({ heading, lines }) => ({ heading, lines })),
    warnings: doc.warnings,
  };
}
