import type { ProvisionKind, Subject } from "./annotate-rules.ts";

/** A provision as stored: its kind and subjects (corrections applied) and its exact text. */
export interface ClauseLike {
  kind: string;
  subjects: readonly string[];
  text: string;
}

export interface Sentence<C extends ClauseLike> {
  /** The clauses joined back: a whole sentence of the article, ending where it ends. */
  text: string;
  clauses: C[];
}

/** The punctuation annotate() ends a sentence at (a ： introduces items or a second sentence). */
const SENTENCE_END = /[。；！？：]$/;

/**
 * Joins an article's provisions, in order, back into whole sentences. annotate() cuts a
 * sentence where its modality changes (「党员应当严格遵守党的保密纪律，」「不得通过网络泄露……」),
 * which is right for labelling but wrong for a question or a checklist line: quoted alone,
 * the second half loses its subject and its meaning.
 */
export function wholeSentences<C extends ClauseLike>(clauses: readonly C[]): Sentence<C>[] {
  const out: Sentence<C>[] = [];
  let current: C[] = [];
  for (const clause of clauses) {
    current.push(clause);
    if (SENTENCE_END.test(clause.text.trimEnd())) {
      out.push({ text: current.map((c) => c.text).join(""), clauses: current });
      current = [];
    }
  }
  if (current.length) out.push({ text: current.map((c) => c.text).join(""), clauses: current });
  return out;
}

/** What asks something of a person: a duty, a ban, or what they are encouraged to do. */
export const BINDING_KINDS: ReadonlySet<ProvisionKind> = new Set([
  "obligation",
  "prohibition",
  "encouragement",
]);

/**
 * What a sentence can hold without being a rule of conduct: the consequences of a breach
 * (Art 28), who interprets the text, when it takes effect, why it exists, what a term means,
 * whom it covers. A sentence with any of these is not a line to tick.
 */
export const NOT_CONDUCT_KINDS: ReadonlySet<ProvisionKind> = new Set([
  "liability",
  "interpretation",
  "commencement",
  "purpose",
  "definition",
  "applicability",
]);

/** Who "I" am: a cadre is a member too, so a cadre is bound by both. */
export function subjectsOf(person: "member" | "cadre"): Subject[] {
  return person === "cadre" ? ["cadre", "member"] : ["member"];
}

/**
 * The whole sentences of an article that bind the person: at least one clause is an
 * obligation, prohibition or encouragement whose subject is them, and no clause states a
 * liability, interpretation, commencement or the like.
 */
export function bindingSentences<C extends ClauseLike>(
  clauses: readonly C[],
  person: "member" | "cadre",
): Sentence<C>[] {
  const who = new Set<string>(subjectsOf(person));
  return wholeSentences(clauses).filter(
    (s) =>
      !s.clauses.some((c) => NOT_CONDUCT_KINDS.has(c.kind as ProvisionKind)) &&
      s.clauses.some(
        (c) => BINDING_KINDS.has(c.kind as ProvisionKind) && c.subjects.some((x) => who.has(x)),
      ),
  );
}
