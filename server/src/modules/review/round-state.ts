import { InvalidState } from "../../platform/errors.ts";

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
