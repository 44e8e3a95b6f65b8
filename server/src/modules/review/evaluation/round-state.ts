import { Forbidden, InvalidState } from "../../../platform/errors.ts";
import type { RoundRow } from "./evaluation.repo.ts";

export function requireOpenRound(round: { status: "open" | "closed" }) {
  if (round.status !== "open") {
    throw new InvalidState(
      { "zh-CN": "本次民主评议投票已结束", "en-US": "Voting in this evaluation round has closed" },
      "round_closed",
    );
  }
}

export function requireClosedRound(round: { status: "open" | "closed" }) {
  if (round.status !== "closed") {
    throw new InvalidState(
      {
        "zh-CN": "请先结束投票，再评定等次或导出结果",
        "en-US": "Close the voting before deciding grades or exporting results",
      },
      "round_open",
    );
  }
}

/** 2030-12-11 → 2030年12月11日, as dates read in Chinese notices. */
const zhDate = (d: string) => {
  const [y, m, day] = d.split("-").map(Number);
  return `${y}年${m}月${day}日`;
};

/** The day after `d`, both as YYYY-MM-DD. */
function nextDay(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

/**
 * 投票 runs from the day after 个人总结 is due through its own last day, in Beijing's calendar;
 * a round opened without a timetable has no window and votes while it is open.
 */
export function votingWindow(round: Pick<RoundRow, "summaryDue" | "voteDue" | "today">): {
  opensOn: string | null;
  closesOn: string | null;
  state: "before" | "open" | "after";
} {
  const opensOn = round.summaryDue ? nextDay(round.summaryDue) : null;
  const closesOn = round.voteDue;
  if (opensOn && round.today < opensOn) return { opensOn, closesOn, state: "before" };
  if (closesOn && round.today > closesOn) return { opensOn, closesOn, state: "after" };
  return { opensOn, closesOn, state: "open" };
}

/** Refuses a ballot outside the 投票 phase, naming the phase and its date. */
export function requireVotingPhase(round: Pick<RoundRow, "summaryDue" | "voteDue" | "today">) {
  const w = votingWindow(round);
  if (w.state === "before") {
    const opens = w.opensOn as string;
    throw new InvalidState(
      {
        "zh-CN": `尚在个人总结阶段（截止${zhDate(round.summaryDue as string)}），投票阶段自${zhDate(opens)}开始，届时再投票`,
        "en-US": `The self-assessment phase runs until ${round.summaryDue}; voting opens on ${opens}`,
      },
      "voting_not_started",
    );
  }
  if (w.state === "after") {
    const closed = w.closesOn as string;
    throw new InvalidState(
      {
        "zh-CN": `投票阶段已于${zhDate(closed)}截止，不能再投票；请党组织结束投票后进行评定`,
        "en-US": `Voting closed on ${closed}; the organization closes the round and decides grades`,
      },
      "voting_ended",
    );
  }
}

/** The joint key ballots are encrypted to: there once every trustee has given theirs. */
export function requireEncryptedVoting(round: RoundRow): string {
  if (round.scheme !== "encrypted") {
    throw new InvalidState(
      {
        "zh-CN": "本轮为旧版明文投票，已停止接受投票；请结束投票后查看结果",
        "en-US": "This round used plaintext ballots and takes no more votes; close it to count",
      },
      "plain_round",
    );
  }
  if (!round.jointKey) {
    throw new InvalidState(
      {
        "zh-CN": "计票人尚未全部生成密钥，暂不能投票",
        "en-US": "Not every trustee has made a key yet; voting starts when they have",
      },
      "keys_pending",
    );
  }
  return round.jointKey;
}

/** A member of the round acting as a trustee who is not one. */
export const notTrustee = () =>
  new Forbidden({
    "zh-CN": "您不是本轮民主评议的计票人",
    "en-US": "You are not a trustee of this round",
  });
