import {
  ENCOURAGE_LEAD,
  KIND_RULES,
  MODAL_CLAUSE_START,
  OTHER_SUBJECT,
  type ProvisionKind,
  SUBJECT_RULES,
  SUBJECTLESS_KINDS,
  type Subject,
} from "./annotate-rules.ts";
import type { Article, RegulationDocument } from "./types.ts";
import { articlesInOrder } from "./walk.ts";

export interface Provision {
  kind: ProvisionKind;
  subjects: Subject[];
  /** Exact slice of the paragraph's or point's text: the provisions of a block concatenate to it. */
  text: string;
  /** eId of the paragraph or point whose text holds the provision. */
  in: string;
}

interface Block {
  eId: string;
  text: string;
  /** For an item, the paragraph whose lead-in ("有下列行为之一的……：") governs it. */
  leadIn: string | null;
}

interface Draft extends Provision {
  leadIn: string | null;
  /** The clause names a subject outside the known set, so it must not borrow one. */
  foreignSubject: boolean;
}

const MODAL = /不得|严禁|禁止|应当|必须|可以/;

/** Provisions of every article, keyed by the article's eId. */
export function annotate(doc: RegulationDocument): Map<string, Provision[]> {
  return new Map(
    articlesInOrder(doc.body).map(({ article }) => [article.eId, annotateArticle(article)]),
  );
}

export function annotateArticle(article: Article): Provision[] {
  const drafts: Draft[] = [];
  for (const block of blocksOf(article)) {
    for (const sentence of splitSentences(block.text)) {
      for (const clause of splitClauses(sentence)) {
        drafts.push({ ...classify(clause), text: clause, in: block.eId, leadIn: block.leadIn });
      }
    }
  }
  inheritFromLeadIn(drafts);
  inheritSubjects(drafts);
  return drafts.map(({ kind, subjects, text, in: where }) => ({ kind, subjects, text, in: where }));
}

function blocksOf(article: Article): Block[] {
  return article.paragraphs.flatMap((p) => [
    { eId: p.eId, text: p.text, leadIn: null },
    ...p.items.flatMap((item) => [
      { eId: item.eId, text: item.text, leadIn: p.eId },
      ...item.subitems.map((s) => ({ eId: s.eId, text: s.text, leadIn: p.eId })),
    ]),
  ]);
}

/**
 * Splits after 。；！？ and after a ： inside the text (a ： at the end introduces items; one in
 * the middle often stands where a ； belongs, as in Art 28). Quoted text is never split.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  const chars = Array.from(text);
  let offset = 0;
  chars.forEach((c, i) => {
    offset += c.length;
    if (c === "“" || c === "「") depth += 1;
    if ((c === "”" || c === "」") && depth > 0) depth -= 1;
    const ends = "。；！？".includes(c) || (c === "：" && i < chars.length - 1);
    if (depth === 0 && ends) {
      out.push(text.slice(start, offset));
      start = offset;
    }
  });
  if (start < text.length) out.push(text.slice(start));
  return out.filter((s) => s.trim() !== "");
}

/** "……，应当遵守有关规定，……，不得损害……" becomes two clauses: the modality changes. */
export function splitClauses(sentence: string): string[] {
  const chunks = sentence.split(/(?<=，)/);
  const out: string[] = [];
  let current = "";
  for (const chunk of chunks) {
    const modal = MODAL_CLAUSE_START.exec(chunk)?.[0];
    const currentModal = MODAL.exec(current)?.[0];
    if (modal && currentModal && modality(modal) !== modality(currentModal)) {
      out.push(current);
      current = "";
    }
    current += chunk;
  }
  if (current !== "") out.push(current);
  return out;
}

function modality(word: string): ProvisionKind {
  if (/不得|严禁|禁止/.test(word)) return "prohibition";
  return word === "可以" ? "permission" : "obligation";
}

function classify(text: string): {
  kind: ProvisionKind;
  subjects: Subject[];
  foreignSubject: boolean;
} {
  for (const rule of KIND_RULES) {
    const m = rule.pattern.exec(text);
    if (m === null) continue;
    if (SUBJECTLESS_KINDS.has(rule.kind))
      return { kind: rule.kind, subjects: [], foreignSubject: false };
    return {
      kind: rule.kind,
      ...subjectsBefore(text, rule.kind === "encouragement" ? 0 : m.index),
    };
  }
  return { kind: "statement", subjects: [], foreignSubject: false };
}

/** The grammatical subject sits in the comma-separated chunk nearest before the modal verb. */
function subjectsBefore(
  text: string,
  marker: number,
): { subjects: Subject[]; foreignSubject: boolean } {
  const lead = marker === 0 ? ENCOURAGE_LEAD.exec(text) : null;
  const phrase = lead === null ? text.slice(0, marker) : text.slice(lead[0].length);
  const chunks = phrase.split("，").map((c) => c.trim());
  for (const chunk of chunks.reverse()) {
    const rule = SUBJECT_RULES.find((r) => r.pattern.test(chunk));
    if (rule !== undefined) return { subjects: [rule.subject], foreignSubject: false };
    if (OTHER_SUBJECT.test(chunk)) return { subjects: [], foreignSubject: true };
  }
  return { subjects: [], foreignSubject: false };
}

/** An item with no modal of its own takes the kind of the lead-in that introduces it. */
function inheritFromLeadIn(drafts: Draft[]): void {
  for (const d of drafts) {
    if (d.leadIn === null || d.kind !== "statement") continue;
    const lead = drafts.findLast((x) => x.in === d.leadIn);
    if (lead !== undefined && !SUBJECTLESS_KINDS.has(lead.kind)) {
      d.kind = lead.kind;
      d.foreignSubject = lead.foreignSubject;
    }
  }
}

/**
 * A clause without a subject ("建立健全澄清正名和保护制度", Art 24; "不得损害……", Art 20) binds
 * the subject of the nearest earlier provision of the same article, else the next one.
 */
function inheritSubjects(drafts: Draft[]): void {
  const bearers = (d: Draft) => d.subjects.length > 0 && !SUBJECTLESS_KINDS.has(d.kind);
  drafts.forEach((d, i) => {
    if (d.subjects.length > 0 || d.foreignSubject || SUBJECTLESS_KINDS.has(d.kind)) return;
    const source = drafts.slice(0, i).findLast(bearers) ?? drafts.slice(i + 1).find(bearers);
    if (source !== undefined) d.subjects = [...source.subjects];
  });
}
