import { type ArticleNo, articleSlug } from "./article-number";
import type { Binds } from "./regulations.api";

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

/**
 * A member sees 全部 and 对我适用 (their own kind, from their record); an account without a
 * record, or a link to the other kind, keeps both kinds to choose from.
 */
export function bindsChoices(mine: Binds | undefined, current: Binds | undefined) {
  const all = ["all", "member", "cadre"] as const;
  return all.filter((v) => !mine || v === "all" || v === mine || v === current);
}
