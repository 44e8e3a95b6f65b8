/**
 * The small-count floor of the discipline statistics (ADR 0024). A count of one or two
 * discipline cases in an org or under an article all but names the member, so it is published
 * as 「<3」. Hiding the cell is not enough where the counts add up: a total minus the parts that
 * are shown gives back the hidden one, so a total whose parts include a hidden count is
 * withheld too (null), and that withholding counts as hidden in the group above it.
 */
export const COUNT_FLOOR = 3;
export const BELOW_FLOOR = `<${COUNT_FLOOR}` as const;

/** Exact, 「<3」 for one or two, or null: withheld because it would give a small count away. */
export type Shown = number | typeof BELOW_FLOOR | null;

export function floorCount(n: number): Shown {
  return n > 0 && n < COUNT_FLOOR ? BELOW_FLOOR : n;
}

/** True when the reader cannot see the exact count. */
export const hidden = (v: Shown) => typeof v !== "number";

/**
 * A total and the parts it is the sum of (or at most the sum of: a reader cannot tell). Parts
 * are already published values, so a part withheld by the group below hides this total too.
 */
export function floorGroup<P extends Partial<Record<string, Shown>>>(
  total: number,
  parts: P,
): { total: Shown; parts: P } {
  const shown = floorCount(total);
  const anyHidden = Object.values(parts).some((v) => v !== undefined && hidden(v));
  return { total: anyHidden && !hidden(shown) ? null : shown, parts };
}

export function floorAll<K extends string>(counts: Partial<Record<K, number>>) {
  const out: Partial<Record<K, Shown>> = {};
  for (const [k, n] of Object.entries(counts) as [K, number][]) out[k] = floorCount(n);
  return out;
}
