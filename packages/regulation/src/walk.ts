import type { Article, BodyNode, Division } from "./types.ts";

export interface ArticleInContext {
  article: Article;
  /** Enclosing divisions, outermost first. */
  ancestors: Division[];
}

/** Every article in document order with the divisions that enclose it. */
export function articlesInOrder(body: BodyNode[]): ArticleInContext[] {
  const out: ArticleInContext[] = [];
  const walk = (nodes: BodyNode[], ancestors: Division[]) => {
    for (const node of nodes) {
      if (node.type === "article") out.push({ article: node, ancestors });
      else walk(node.children, [...ancestors, node]);
    }
  };
  walk(body, []);
  return out;
}

/** Paragraph text with its items and subitems, one per line, as the article reads. */
export function articleText(article: Article): string {
  return article.paragraphs
    .flatMap((p) => [
      p.text,
      ...p.items.flatMap((i) => [
        `${i.num}${i.text}`,
        ...i.subitems.map((s) => `${s.num}${s.text}`),
      ]),
    ])
    .filter((line) => line !== "")
    .join("\n");
}

/** Every division in document order, parents before their children. */
export function divisionsInOrder(body: BodyNode[]): Division[] {
  return body.flatMap((n) => (n.type === "division" ? [n, ...divisionsInOrder(n.children)] : []));
}
