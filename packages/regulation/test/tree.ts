import type { Article, BodyNode, Division, RegulationDocument } from "../src/types.ts";

/** Test helpers that walk a parsed tree. */
export function articlesOf(doc: RegulationDocument): Article[] {
  const out: Article[] = [];
  const walk = (nodes: BodyNode[]) => {
    for (const node of nodes) {
      if (node.type === "article") out.push(node);
      else walk(node.children);
    }
  };
  walk(doc.body);
  return out;
}

export function divisionsOf(doc: RegulationDocument, level: Division["level"]): Division[] {
  const out: Division[] = [];
  const walk = (nodes: BodyNode[]) => {
    for (const node of nodes) {
      if (node.type === "division") {
        if (node.level === level) out.push(node);
        walk(node.children);
      }
    }
  };
  walk(doc.body);
  return out;
}

export function articleText(article: Article): string {
  return article.paragraphs.map((p) => p.text).join("\n");
}
