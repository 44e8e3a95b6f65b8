import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readSeed } from "../test/fixtures.ts";
import { annotate, splitSentences } from "./annotate.ts";
import { parse } from "./parse.ts";
import { bindingSentences, wholeSentences } from "./sentences.ts";
import { articlesInOrder } from "./walk.ts";

const doc = parse(readSeed());
const provisions = annotate(doc);
const articles = articlesInOrder(doc.body).map(({ article }) => ({
  n: article.number.n,
  clauses: provisions.get(article.eId) ?? [],
  sentences: article.paragraphs.flatMap((p) =>
    [p.text, ...p.items.flatMap((i) => [i.text, ...i.subitems.map((s) => s.text)])].flatMap(
      splitSentences,
    ),
  ),
}));
const seedSentences = new Set(articles.flatMap((a) => a.sentences));
const of = (n: number) => articles.find((a) => a.n === n) ?? { n, clauses: [], sentences: [] };

describe("whole sentences of the seed", () => {
  it("joins every article's provisions back into exactly its sentences", () => {
    for (const a of articles) {
      expect(
        wholeSentences(a.clauses).map((s) => s.text),
        `第${a.n}条`,
      ).toEqual(a.sentences);
    }
  });

  it("keeps 第十五条 whole: 「不得」 keeps its subject 党员", () => {
    const lines = bindingSentences(of(15).clauses, "member").map((s) => s.text);
    expect(lines).toEqual([
      "党员应当严格遵守党的保密纪律，不得通过网络泄露、扩散党和国家秘密、工作秘密。",
    ]);
  });

  it("draws no line from Art 28's liability, Art 29's applicability or Art 31's commencement", () => {
    for (const n of [1, 2, 28, 29, 30, 31]) {
      expect(bindingSentences(of(n).clauses, "cadre"), `第${n}条`).toEqual([]);
    }
  });

  it("gives a cadre the cadre articles (18-20) and a member none of them", () => {
    const numbers = (who: "member" | "cadre") =>
      articles.filter((a) => bindingSentences(a.clauses, who).length > 0).map((a) => a.n);
    expect(numbers("cadre")).toEqual(expect.arrayContaining([18, 19, 20]));
    expect(numbers("member")).not.toContain(18);
    expect(numbers("member")).toContain(15);
  });

  it("every binding sentence is a whole sentence of the seed text", () => {
    for (const a of articles) {
      for (const s of bindingSentences(a.clauses, "cadre")) {
        expect(seedSentences.has(s.text), s.text).toBe(true);
      }
    }
  });

  it("rejoins any cut of a text into the sentences it was cut from", () => {
    const piece = fc.constantFrom("党员", "应当", "不得", "，", "。", "；", "网络", "：");
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 30 }), (parts) => {
        const text = parts.join("");
        const sentences = splitSentences(text);
        const clauses = sentences.flatMap((s) =>
          s.split(/(?<=，)/).map((t) => ({ kind: "obligation", subjects: ["member"], text: t })),
        );
        expect(wholeSentences(clauses).map((s) => s.text)).toEqual(sentences);
      }),
    );
  });
});
