import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readSeed } from "../test/fixtures.ts";
import { articlesOf } from "../test/tree.ts";
import { RegulationParseError } from "./errors.ts";
import { parse } from "./parse.ts";

/** parse() may reject input, but only with its own typed error. */
function parsesOrRejectsCleanly(input: string): void {
  try {
    const doc = parse(input);
    const ids = articlesOf(doc).map((a) => a.eId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const w of doc.warnings) expect(w.line).toBeGreaterThan(0);
  } catch (error) {
    if (!(error instanceof RegulationParseError)) throw error;
  }
}

const FRAGMENTS = [
  "第",
  "笫",
  "章",
  "节",
  "编",
  "分编",
  "条",
  "之",
  "款",
  "项",
  "一",
  "二",
  "十",
  "百",
  "千",
  "零",
  "三十一",
  "1",
  "2",
  "。",
  "；",
  "：",
  ":",
  ";",
  ",",
  "，",
  "(",
  ")",
  "（",
  "）",
  '"',
  "“",
  "”",
  "《",
  "》",
  "\n",
  "\r\n",
  " ",
  "　",
  "#",
  "## ",
  "附则",
  "序言",
  "附件一",
  "党员",
  "不得",
  "应当",
  "（一）",
  "1．",
  "<!-- INFO END -->",
  "（来源：中共中央办公厅）",
  "\u0000",
  "\uFFFD",
  "\uFEFF",
];

describe("parse under fuzzing", () => {
  it("survives arbitrary strings", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 300 }), parsesOrRejectsCleanly), {
      numRuns: 1000,
    });
  });

  it("survives Chinese-ish text built from regulation fragments", () => {
    const text = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 80 }).map((p) => p.join(""));
    fc.assert(fc.property(text, parsesOrRejectsCleanly), { numRuns: 2000 });
  });

  it("survives mutations of the seed text", () => {
    const seed = readSeed();
    const mutation = fc.oneof(
      fc.record({
        at: fc.nat(seed.length),
        drop: fc.nat(40),
        insert: fc.constantFrom(...FRAGMENTS),
      }),
      fc.record({
        at: fc.nat(seed.length),
        drop: fc.constant(0),
        insert: fc.string({ maxLength: 5 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(mutation, { maxLength: 8 }), (mutations) => {
        let text = seed;
        for (const m of mutations)
          text = text.slice(0, m.at) + m.insert + text.slice(m.at + m.drop);
        parsesOrRejectsCleanly(text);
      }),
      { numRuns: 300 },
    );
  });

  it("finds the same articles when every article is glued onto the previous one", () => {
    const joined = readSeed().replace(/。\n+(?=第[一二三四五六七八九十]+条)/g, "。");
    expect(articlesOf(parse(joined)).map((a) => a.number.n)).toEqual(
      Array.from({ length: 31 }, (_, i) => i + 1),
    );
  });
});
