export type IdlePhase = "active" | "warn" | "expired";

/** Warn this long before the server's idle timeout signs the user out (30 min -> warn at 28). */
export const WARN_BEFORE_MS = 2 * 60_000;

/**
 * Where the user stands against the server's idle timeout, measured from the last answered
 * API request (which is what refreshes the session on the server, not mouse movement).
 */
export function idlePhase(
  elapsedMs: number,
  timeoutMs: number,
  warnBeforeMs = WARN_BEFORE_MS,
): IdlePhase {
  if (elapsedMs >= timeoutMs) return "expired";
  if (elapsedMs >= timeoutMs - warnBeforeMs) return "warn";
  return "active";
}

/** Whole seconds left before the timeout, never negative. */
export function secondsLeft(elapsedMs: number, timeoutMs: number): number {
  return Math.max(0, Math.ceil((timeoutMs - elapsedMs) / 1000));
}
