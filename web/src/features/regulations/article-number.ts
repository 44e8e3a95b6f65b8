/** An article's place in a document: 第十一条 is {number: 11, sub: 0}, 第十一条之一 is {11, 1}. */
export interface ArticleNo {
  number: number;
  sub: number;
}

/** Reads the URL form the API uses: "11" or "133-1"; anything else is not an article. */
export function parseArticleSlug(slug: string | undefined): ArticleNo | null {
  const m = /^(\d{1,5})(?:-(\d{1,2}))?$/.exec(slug ?? "");
  if (!m) return null;
  const number = Number(m[1]);
  const sub = Number(m[2] ?? 0);
  return number > 0 ? { number, sub } : null;
}

export function articleSlug(a: ArticleNo): string {
  return a.sub ? `${a.number}-${a.sub}` : String(a.number);
}

/** The diff speaks the parser's shape, {n, sub?}; the rest of the API speaks {number, sub}. */
export function fromDiffNumber(n: { n: number; sub?: number }): ArticleNo {
  return { number: n.n, sub: n.sub ?? 0 };
}

export function sameArticle(a: ArticleNo, b: ArticleNo): boolean {
  return a.number === b.number && a.sub === b.sub;
}
