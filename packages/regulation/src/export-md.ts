import type { Article, BodyNode, RegulationDocument } from "./types.ts";

const HEADING_DEPTH: Record<string, number> = {
  part: 2,
  supplementary: 2,
  subpart: 3,
  chapter: 3,
  section: 4,
};

/** Markdown in the corpus layout: `# title`, dated lines, headings, `**第X条**` paragraphs. */
export function toMarkdown(doc: RegulationDocument): string {
  const hasParts = (nodes: BodyNode[]) =>
    nodes.some((n) => n.type === "division" && (n.level === "part" || n.level === "supplementary"));
  const shift = hasParts(doc.body) ? 0 : -1;
  const out: string[] = [`# ${doc.title}`, ""];
  const meta = [doc.issuer, doc.issuedOn].filter((v) => v !== null).join(" · ");
  if (meta !== "") out.push(meta, "");
  if (doc.preamble.length > 0) out.push("## 序言", "", ...doc.preamble.flatMap((p) => [p, ""]));
  const walk = (nodes: BodyNode[]) => {
    for (const n of nodes) {
      if (n.type === "article") {
        out.push(...article(n));
        continue;
      }
      const depth = Math.max(2, (HEADING_DEPTH[n.level] ?? 2) + shift);
      out.push(
        `${"#".repeat(depth)} ${[n.label, n.heading].filter((s) => s !== "").join(" ")}`,
        "",
      );
      walk(n.children);
    }
  };
  walk(doc.body);
  for (const annex of doc.annexes)
    out.push(`## ${annex.heading}`, "", ...annex.lines.flatMap((l) => [l, ""]));
  if (doc.source !== null) out.push(`（来源：${doc.source}）`, "");
  return `${out.join("\n").trimEnd()}\n`;
}

function article(a: Article): string[] {
  const [first, ...rest] = a.paragraphs;
  const lines: string[] = [];
  const emit = (text: string, items: (typeof a.paragraphs)[number]["items"]) => {
    lines.push(text, "");
    for (const item of items) {
      lines.push(`${item.num}${item.text}`, "");
      for (const s of item.subitems) lines.push(`${s.num}${s.text}`, "");
    }
  };
  emit(`**${a.label}** ${first?.text ?? ""}`.trimEnd(), first?.items ?? []);
  for (const p of rest) emit(p.text, p.items);
  return lines;
}
