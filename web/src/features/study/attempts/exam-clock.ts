/** Time left by the server's clock: the offset taken when the paper loaded corrects a phone
 * whose clock is wrong, since the server alone decides when time is up. */
export function remainingMs(deadlineAt: string, serverNow: string, loadedAt: number, now: number) {
  const offset = Date.parse(serverNow) - loadedAt;
  return Math.max(0, Date.parse(deadlineAt) - (now + offset));
}

export function formatClock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** Answers changed since the last save that the server has not yet confirmed. */
export function unsaved(
  answers: Record<string, string[]>,
  dirty: ReadonlySet<string>,
): Record<string, string[]> {
  return Object.fromEntries([...dirty].map((id) => [id, answers[id] ?? []]));
}
