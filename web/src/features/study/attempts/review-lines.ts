import type { ShownQuestion } from "../bank/QuestionInput";

const LETTERS = "ABCDEF";

/** One option as the member saw it, with whether they chose it and whether it is right. */
export interface ReviewLine {
  key: string;
  /** "A" … in the member's own (shuffled) order; empty for 正确/错误. */
  letter: string;
  text: string;
  chosen: boolean;
  correct: boolean;
}

/**
 * The options in the order this member saw them. Options are shuffled per member, so a bare
 * letter means nothing unless it comes with the texts in that same order.
 */
export function reviewLines(q: ShownQuestion, given: string[], answer: string[]): ReviewLine[] {
  if (q.type === "fill_blank") return [];
  return q.options.map((o, i) => ({
    key: o.key,
    letter: q.type === "true_false" ? "" : (LETTERS[i] ?? ""),
    text: o.text,
    chosen: given.includes(o.key),
    correct: answer.includes(o.key),
  }));
}

/** "B", "AC", "正确", the fill-in, or null when the member left it blank. */
export function choiceLabel(q: ShownQuestion, keys: string[]): string | null {
  if (q.type === "fill_blank") {
    const text = keys.map((k) => k.trim()).filter(Boolean);
    return text.length > 0 ? text.join(" / ") : null;
  }
  const picked = reviewLines(q, keys, []).filter((l) => l.chosen);
  if (picked.length === 0) return null;
  return picked.map((l) => l.letter || l.text).join("");
}
