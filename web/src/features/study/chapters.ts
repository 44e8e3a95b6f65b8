import type { ArticleRef } from "./study.api";

export interface Chapter {
  number: number;
  /** 「第一章 总则」, as the regulation names it. */
  label: string;
  articleIds: number[];
}

/** The chapters of the articles in force, in order, each named as the text names it. */
export function chaptersOf(articles: ArticleRef[]): Chapter[] {
  const byNumber = new Map<number, Chapter>();
  for (const a of articles) {
    if (a.chapterNumber === null) continue;
    const known = byNumber.get(a.chapterNumber);
    if (known) {
      known.articleIds.push(a.id);
      continue;
    }
    const label = [a.chapterLabel, a.chapterHeading].filter(Boolean).join(" ");
    byNumber.set(a.chapterNumber, {
      number: a.chapterNumber,
      label: label || `第${a.chapterNumber}章`,
      articleIds: [a.id],
    });
  }
  return [...byNumber.values()].sort((a, b) => a.number - b.number);
}

/** A node of the 生成草稿 picker: a chapter holding its articles, or an article on its own. */
export interface ArticleNode {
  value: string;
  title: string;
  children?: ArticleNode[];
}

/** Chapters with their articles, then articles outside any chapter, for a checkable tree. */
export function articleTree(articles: ArticleRef[]): ArticleNode[] {
  const leaf = (a: ArticleRef) => ({ value: `a${a.id}`, title: a.label });
  const byId = new Map(articles.map((a) => [a.id, a]));
  return [
    ...chaptersOf(articles).map((c) => ({
      value: `c${c.number}`,
      title: c.label,
      children: c.articleIds.flatMap((id) => {
        const a = byId.get(id);
        return a ? [leaf(a)] : [];
      }),
    })),
    ...articles.filter((a) => a.chapterNumber === null).map(leaf),
  ];
}

/** The article ids a picked set of tree values stands for (a chapter: all of its articles). */
export function pickedArticles(values: string[], articles: ArticleRef[]): number[] {
  const chapters = new Map(chaptersOf(articles).map((c) => [`c${c.number}`, c.articleIds]));
  const ids = values.flatMap(
    (v) => chapters.get(v) ?? (v.startsWith("a") ? [Number(v.slice(1))] : []),
  );
  return [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0);
}
