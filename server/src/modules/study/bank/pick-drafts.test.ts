import { describe, expect, it } from "vitest";
import { pickDrafts, stemKey } from "./pick-drafts.ts";
import type { Draft } from "./question-drafts.ts";

const ART15 = "依据第十五条：党员不得通过网络泄露、扩散党和国家秘密、工作秘密。";
const ART19 = "依据第十九条：党员干部不得违反有关规定以职务身份开展网络借贷、直播带货等营利活动。";

const draft = (explanation: string, stem: string, type: Draft["type"] = "single"): Draft => ({
  type,
  stem,
  options: [],
  answer: ["0"],
  explanation,
  articleIds: [1],
});

const fourOf = (explanation: string, text: string) => [
  draft(explanation, `${text.replace("不得", "____")}。`, "fill_blank"),
  draft(explanation, `“${text.replace("不得", "____")}”中空格处应填：`),
  draft(explanation, `“${text}”出自《中国共产党党员网络行为规定》哪一条？`),
  draft(explanation, `“____${text.slice(2)}”这一规定约束的主体是：`),
];

const a15 = fourOf(ART15, "党员不得通过网络泄露、扩散党和国家秘密、工作秘密");
const a19 = fourOf(ART19, "党员干部不得违反有关规定以职务身份开展网络借贷、直播带货等营利活动");
const empty = { stems: new Set<string>(), sentences: new Set<string>() };

describe("pickDrafts", () => {
  it("takes one draft per sentence before a sentence's second kind", () => {
    const { batch, skipped, remaining } = pickDrafts([...a15, ...a19], empty, 3);
    expect(batch.map((d) => d.explanation)).toEqual([ART15, ART19, ART15]);
    // The two sentences start at different kinds: a fill-in, then a choice.
    expect(batch[0]?.type).toBe("fill_blank");
    expect(batch[1]?.stem).toContain("中空格处应填");
    expect(skipped).toBe(0);
    expect(remaining).toBe(5);
  });

  it("skips stems the bank holds, even re-typed, and counts them", () => {
    const bank = {
      stems: new Set([
        stemKey(" 党员____通过网络泄露，扩散党和国家秘密、工作秘密 "),
        stemKey(a19[2]?.stem ?? ""),
      ]),
      sentences: new Set([ART15, ART19]),
    };
    const { batch, skipped } = pickDrafts([...a15, ...a19], bank, 30);
    expect(skipped).toBe(2);
    expect(batch).toHaveLength(6);
    expect(batch.map((d) => d.stem)).not.toContain(a19[2]?.stem);
  });

  it("asks first about sentences the bank does not ask about yet", () => {
    const bank = { stems: new Set([stemKey(a15[0]?.stem ?? "")]), sentences: new Set([ART15]) };
    const { batch } = pickDrafts([...a15, ...a19], bank, 1);
    expect(batch[0]?.explanation).toBe(ART19);
  });

  it("offers nothing twice within one run", () => {
    const { batch, skipped } = pickDrafts([...a15, ...a15], empty, 30);
    expect(batch).toHaveLength(4);
    expect(skipped).toBe(4);
  });
});
