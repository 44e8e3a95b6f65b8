import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  drawPaper,
  isCorrect,
  type PoolQuestion,
  scorePaper,
  seededRandom,
  shortfalls,
  shuffle,
} from "./paper.ts";

const pool: PoolQuestion[] = Array.from({ length: 12 }, (_, i) => ({
  id: i + 1,
  type: i % 2 ? "single" : "true_false",
  stem: `题${i + 1}`,
  options: i % 2 ? ["甲", "乙", "丙", "丁"] : [],
  answer: i % 2 ? ["2"] : ["true"],
  explanation: "",
  articleIds: [100 + i],
  chapterNumber: i < 6 ? 2 : 3,
}));

describe("paper generation", () => {
  it("draws by rule without repeats, shuffles options and keeps each option's key", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), (a, b) => {
        const paper = drawPaper(
          [
            { chapter: 2, type: "single", count: a },
            { chapter: null, type: "true_false", count: b },
          ],
          pool,
        );
        expect(paper).toHaveLength(a + b);
        expect(new Set(paper.map((p) => p.id)).size).toBe(a + b);
        for (const p of paper) {
          expect([...p.order].sort()).toEqual(p.options.map((_, i) => String(i)));
        }
        expect(
          paper
            .filter((p) => p.type === "single")
            .every((p) => pool.find((q) => q.id === p.id)?.chapterNumber === 2),
        ).toBe(true);
      }),
    );
  });

  it("reports how many questions a rule set is short", () => {
    expect(shortfalls([{ chapter: 2, type: "single", count: 5 }], pool)).toEqual([
      { rule: { chapter: 2, type: "single", count: 5 }, missing: 2 },
    ]);
    expect(shortfalls([{ chapter: null, type: null, count: 12 }], pool)).toEqual([]);
  });
});

describe("seeded shuffle", () => {
  it("repeats for the same seed and differs across seeds", () => {
    const keys = ["0", "1", "2", "3"];
    const a = shuffle(keys, seededRandom("7:2026-03-01:12"));
    expect(shuffle(keys, seededRandom("7:2026-03-01:12"))).toEqual(a);
    const orders = new Set(
      Array.from({ length: 20 }, (_, i) => shuffle(keys, seededRandom(`s${i}`)).join("")),
    );
    expect(orders.size).toBeGreaterThan(1);
  });
});

describe("scoring", () => {
  it("needs the exact option set and accepts a fill-in up to spaces", () => {
    expect(isCorrect({ type: "multiple", answer: ["0", "2"] }, ["2", "0"])).toBe(true);
    expect(isCorrect({ type: "multiple", answer: ["0", "2"] }, ["0"])).toBe(false);
    expect(isCorrect({ type: "fill_blank", answer: ["不得"] }, [" 不 得 "])).toBe(true);
    expect(isCorrect({ type: "single", answer: ["1"] }, undefined)).toBe(false);
  });

  it("rounds to a percentage and compares with the pass mark", () => {
    const paper = drawPaper([{ chapter: null, type: null, count: 3 }], pool);
    const answers = Object.fromEntries(paper.slice(0, 2).map((p) => [String(p.id), p.answer]));
    expect(scorePaper(paper, answers, 60)).toEqual({
      correct: 2,
      total: 3,
      score: 67,
      passed: true,
    });
    expect(scorePaper(paper, answers, 70).passed).toBe(false);
  });
});
