import type { Draft } from "./question-drafts.ts";

/** Stems compared without spaces, quotes and punctuation, so a re-typed copy still matches. */
export const stemKey = (stem: string) =>
  stem.replace(/[\s“”"'‘’「」『』《》，。；：、？！,.;:?!（）()-]/g, "").toLowerCase();

/**
 * Which drafts one run adds. Each sentence of the regulation yields up to four drafts that
 * quote it; added together they read as near-duplicates. So a run takes one draft per
 * sentence, sentences the bank does not ask about yet first, and only then a sentence's
 * next kind. A draft whose stem the bank already holds is skipped and counted.
 */
export function pickDrafts(
  drafts: Draft[],
  bank: { stems: Set<string>; sentences: Set<string> },
  limit: number,
) {
  const seen = new Set(bank.stems);
  let skipped = 0;
  const bySentence = new Map<string, Draft[]>();
  for (const d of drafts) {
    const key = stemKey(d.stem);
    if (seen.has(key)) {
      skipped++;
      continue;
    }
    seen.add(key);
    bySentence.set(d.explanation, [...(bySentence.get(d.explanation) ?? []), d]);
  }
  const groups = [...bySentence].sort(
    ([a], [b]) => Number(bank.sentences.has(a)) - Number(bank.sentences.has(b)),
  );
  // Each sentence starts at a different kind, so one run mixes fill-ins and choices.
  const lists = groups.map(([, list], i) => [
    ...list.slice(i % list.length),
    ...list.slice(0, i % list.length),
  ]);
  const ordered: Draft[] = [];
  for (let round = 0; ; round++) {
    const next = lists.flatMap((list) => list.slice(round, round + 1));
    if (next.length === 0) break;
    ordered.push(...next);
  }
  return {
    batch: ordered.slice(0, limit),
    skipped,
    remaining: Math.max(0, ordered.length - limit),
  };
}
