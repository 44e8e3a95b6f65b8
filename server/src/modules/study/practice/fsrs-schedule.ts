import { type Card, createEmptyCard, fsrs, generatorParameters, Rating } from "ts-fsrs";

// No fuzz: the same history gives the same schedule, which tests and members can follow.
const scheduler = fsrs(generatorParameters({ enable_fuzz: false }));

/** A stored card back into ts-fsrs's shape (dates come back from JSON as strings). */
export function reviveCard(stored: Record<string, unknown> | null, now: Date): Card {
  if (!stored) return createEmptyCard(now);
  const card = stored as unknown as Card;
  return {
    ...card,
    due: new Date(card.due),
    ...(card.last_review ? { last_review: new Date(card.last_review) } : {}),
  };
}

/** Right answers are "Good", wrong ones "Again": a missed article comes back soon. */
export function review(card: Card, correct: boolean, now: Date): Card {
  return scheduler.next(card, now, correct ? Rating.Good : Rating.Again).card;
}

export interface CardState {
  articleId: number;
  due: Date;
  stability: number;
}

/**
 * The articles to practise today, weakest first: due cards by lowest stability, then articles
 * never practised, then the cards due soonest, so a member always gets a full set.
 */
export function pickArticles(
  cards: CardState[],
  candidates: number[],
  count: number,
  now: Date,
): number[] {
  const known = new Map(cards.map((c) => [c.articleId, c]));
  const available = new Set(candidates);
  const due = cards
    .filter((c) => available.has(c.articleId) && c.due <= now)
    .sort((a, b) => a.stability - b.stability || a.due.getTime() - b.due.getTime());
  const fresh = candidates.filter((id) => !known.has(id));
  const later = cards
    .filter((c) => available.has(c.articleId) && c.due > now)
    .sort((a, b) => a.due.getTime() - b.due.getTime());
  return [
    ...new Set([...due.map((c) => c.articleId), ...fresh, ...later.map((c) => c.articleId)]),
  ].slice(0, count);
}
