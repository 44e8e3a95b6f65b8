import type { RoundRow } from "./evaluation.repo.ts";
import type { RoundDetail, Tally } from "./evaluation.schemas.ts";
import { votingWindow } from "./round-state.ts";

/**
 * With one ballot on a member its count is that voter's grade; with two, either voter
 * subtracts their own and reads the other's. From three on, what a voter learns is a count of
 * the others, as in any tally (ADR 0015 and docs/adr/0020-withheld-evaluation-counts.md).
 */
export const MIN_BALLOTS_FOR_COUNTS = 3;

/**
 * A member's counts as the organization may see them: withheld under the floor, whatever the
 * scheme. An encrypted round never decrypted those tallies; a plaintext one holds them, so
 * this is where they stop.
 */
export function presentTally(
  ballots: number,
  counts: Tally | undefined,
): { tally: Tally | null; withheld: boolean } {
  if (ballots < MIN_BALLOTS_FOR_COUNTS) return { tally: null, withheld: ballots > 0 };
  return {
    tally: counts ?? { excellent: 0, competent: 0, basically_competent: 0, incompetent: 0 },
    withheld: false,
  };
}

/**
 * 个人总结 until both its last day has passed and the trustees' key opens voting, 投票 until the
 * round is closed, then 评定 and 完成.
 */
export function phaseOf(
  round: Pick<RoundRow, "status" | "scheme" | "jointKey" | "summaryDue" | "voteDue" | "today">,
  subjects: number,
  decided: number,
): RoundDetail["phase"] {
  if (round.status === "open") {
    const keysPending = round.scheme === "encrypted" && round.jointKey === null;
    return keysPending || votingWindow(round).state === "before" ? "summary" : "voting";
  }
  return decided === subjects ? "done" : "deciding";
}
