import type { Article, Division, RegulationDocument } from "../src/types.ts";
import { articlesInOrder, divisionsInOrder } from "../src/walk.ts";

/** Test shorthands over the parsed tree. */
export function articlesOf(doc: RegulationDocument): Article[] {
  return articlesInOrder(doc.body).map((a) => a.article);
}

export function divisionsOf(doc: RegulationDocument, level: Division["level"]): Division[] {
  return divisionsInOrder(doc.body).filter((d) => d.level === level);
}

/** Paragraph texts only, one per line. */
export function articleText(article: Article): string {
  return article.paragraphs.map((p) => p.text).join("\n");
}
