import { type ArticleNo, articleSlug } from "./article-number";

/**
 * Which articles and provisions bind the reader, from the server's answer to
 * `provisions?binds=`: the server applies the rule (a cadre is bound by what binds every
 * member, corrections count over automatic annotations), the reader only looks it up.
 */
export interface BindingIndex {
  articles: ReadonlySet<string>;
  provisions: ReadonlySet<number>;
}

export function bindingIndex(items: readonly { id: number; article: ArticleNo }[]): BindingIndex {
  return {
    articles: new Set(items.map((p) => articleSlug(p.article))),
    provisions: new Set(items.map((p) => p.id)),
  };
}
