/** 每日一练 in the style members know: a few questions, a point per answer plus one per right
 * answer, and a daily cap so points reward coming back every day rather than cramming. */
export const DAILY_QUESTIONS = 5;
export const DAILY_POINTS_CAP = 6;

export function pointsFor(correct: boolean): number {
  return correct ? 2 : 1;
}

/** Consecutive completed days ending today, or yesterday while today is still open. */
export function streak(days: { day: string; completed: boolean }[], today: string): number {
  const done = new Set(days.filter((d) => d.completed).map((d) => d.day));
  const cursor = new Date(`${today}T00:00:00Z`);
  if (!done.has(today)) cursor.setUTCDate(cursor.getUTCDate() - 1);
  let n = 0;
  while (done.has(cursor.toISOString().slice(0, 10))) {
    n++;
    cursor.setUTCDate(cursor.getUTCDate() - 1);
  }
  return n;
}
