import { describe, expect, it } from "vitest";
import type { ShownQuestion } from "../bank/QuestionInput";
import { choiceLabel, reviewLines } from "./review-lines";

// The member saw the bank's options 2, 0, 3, 1: the bank's option "3" is their C.
const single: ShownQuestion = {
  id: 7,
  type: "single",
  stem: "“不得通过网络泄露、扩散党和国家秘密、工作秘密”出自哪一条？",
  options: [
    { key: "2", text: "第十五条" },
    { key: "0", text: "第十三条" },
    { key: "3", text: "第十六条" },
    { key: "1", text: "第十四条" },
  ],
};

describe("reviewLines", () => {
  it("keeps the member's order and marks their choice and the right one", () => {
    const lines = reviewLines(single, ["3"], ["2"]);
    expect(lines.map((l) => `${l.letter}${l.text}`)).toEqual([
      "A第十五条",
      "B第十三条",
      "C第十六条",
      "D第十四条",
    ]);
    expect(lines.filter((l) => l.chosen).map((l) => l.letter)).toEqual(["C"]);
    expect(lines.filter((l) => l.correct).map((l) => l.letter)).toEqual(["A"]);
    expect(choiceLabel(single, ["3"])).toBe("C");
    expect(choiceLabel(single, ["2"])).toBe("A");
  });

  it("names 正确/错误 by their text and a multiple choice by its letters in order", () => {
    const tf: ShownQuestion = {
      id: 8,
      type: "true_false",
      stem: "党员可以在网上发布反对党的基本路线的言论。",
      options: [
        { key: "true", text: "正确" },
        { key: "false", text: "错误" },
      ],
    };
    expect(choiceLabel(tf, ["false"])).toBe("错误");
    expect(reviewLines(tf, ["true"], ["false"]).map((l) => l.letter)).toEqual(["", ""]);
    const multi = { ...single, type: "multiple" as const };
    expect(choiceLabel(multi, ["1", "2"])).toBe("AD");
  });

  it("says nothing was answered, and shows a fill-in as typed", () => {
    expect(choiceLabel(single, [])).toBeNull();
    const fill: ShownQuestion = { id: 9, type: "fill_blank", stem: "党员____组织…", options: [] };
    expect(reviewLines(fill, ["不得"], ["不得"])).toEqual([]);
    expect(choiceLabel(fill, [" 不得 "])).toBe("不得");
    expect(choiceLabel(fill, [""])).toBeNull();
  });
});
