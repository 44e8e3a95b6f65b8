import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCorpusFile, readSeed } from "../test/fixtures.ts";
import { annotate, annotateArticle } from "./annotate.ts";
import { parse } from "./parse.ts";
import { articlesInOrder } from "./walk.ts";

const doc = parse(readSeed());
const provisions = annotate(doc);
const byNumber = new Map(
  articlesInOrder(doc.body).map(({ article }) => [
    article.number.n,
    (provisions.get(article.eId) ?? []).map((p) => `${p.kind}/${p.subjects.join("+")}`),
  ]),
);

const O = "obligation";
const P = "prohibition";
// Kind and subjects of every provision of the seed, in order: the decisions of the annotator.
const EXPECTED: Record<number, string[]> = {
  1: ["purpose/"],
  2: ["definition/"],
  3: [`${O}/member`],
  4: [`${O}/organization`, `${O}/department`],
  5: [`${O}/member`],
  6: [`${O}/member`],
  7: [`${O}/member`],
  8: ["encouragement/member"],
  9: [`${O}/member`],
  10: [`${P}/member`],
  11: [`${P}/member`],
  12: [`${P}/member`],
  13: [`${P}/member`],
  14: [`${P}/member`],
  15: [`${O}/member`, `${P}/member`],
  16: [`${P}/member`],
  17: [`${O}/member`],
  18: [`${P}/cadre`],
  19: [`${P}/cadre`],
  20: [`${O}/cadre`, `${P}/cadre`],
  21: [`${O}/member`],
  22: [`${O}/organization`],
  23: [`${O}/organization`],
  24: [`${O}/organization`, `${O}/organization`],
  25: [`${O}/organization`],
  26: [`${O}/organization`],
  27: [`${O}/organization`],
  28: ["liability/member", "liability/member"],
  29: ["applicability/military_member"],
  30: ["interpretation/"],
  31: ["commencement/"],
};

describe("annotate: the seed regulation", () => {
  it.each(Object.entries(EXPECTED))("article %s", (n, expected) => {
    expect(byNumber.get(Number(n))).toEqual(expected);
  });

  it("annotates all 31 articles", () => {
    expect([...byNumber.keys()]).toEqual(Object.keys(EXPECTED).map(Number));
  });

  it("splits a sentence where a new modality starts (Art 20)", () => {
    const art20 = articlesInOrder(doc.body)[19]?.article;
    const texts = art20 === undefined ? [] : annotateArticle(art20).map((p) => p.text);
    expect(texts).toEqual([
      "党员干部注册、使用和管理网络公众账号，应当遵守有关规定，履行社会责任，",
      "不得损害国家安全、社会公共利益和他人合法权益。",
    ]);
  });
});

describe("annotate: rules on their own", () => {
  const one = (text: string) => {
    const [first] = articlesInOrder(parse(`第一条 ${text}`).body);
    return first === undefined
      ? []
      : annotateArticle(first.article).map((p) => [p.kind, p.subjects]);
  };

  it("takes the subject from the clause start, not any mention", () => {
    expect(one("各级党组织应当提升党员网络素养。")).toEqual([["obligation", ["organization"]]]);
    expect(one("党员干部应当带头。")).toEqual([["obligation", ["cadre"]]]);
    expect(one("领导干部不得违规。")).toEqual([["prohibition", ["cadre"]]]);
    expect(one("有关部门应当处理党员的举报。")).toEqual([["obligation", ["department"]]]);
  });

  it("lets an explicit modal outrank 鼓励 and 支持 in the same sentence", () => {
    expect(one("党委应当鼓励和支持党员学习。")).toEqual([["obligation", ["organization"]]]);
    expect(one("党员不得支持邪教。")).toEqual([["prohibition", ["member"]]]);
    expect(one("支持党员参加培训。")).toEqual([["encouragement", ["member"]]]);
  });

  it("reads permission and leaves foreign subjects alone", () => {
    expect(one("党员可以提出意见。")).toEqual([["permission", ["member"]]]);
    expect(one("党员应当学习。国家机关可以提供帮助。")).toEqual([
      ["obligation", ["member"]],
      ["permission", []],
    ]);
  });

  it("gives items the kind of their lead-in", () => {
    expect(one("党员不得有下列行为：\n（一）造谣；\n（二）传谣。")).toEqual([
      ["prohibition", ["member"]],
      ["prohibition", ["member"]],
      ["prohibition", ["member"]],
    ]);
  });

  it("keeps a sentence with no norm as a statement", () => {
    expect(one("中华人民共和国是社会主义国家。")).toEqual([["statement", []]]);
  });
});

describe("annotate: real laws", () => {
  it.each(["刑法.md", "宪法.md", "民法典-合同编.md"])(
    "%s: provisions cover every block's text exactly",
    (file) => {
      const law = parse(readCorpusFile(file));
      for (const { article } of articlesInOrder(law.body)) {
        const provisions = annotateArticle(article);
        for (const p of article.paragraphs) {
          const own = provisions
            .filter((x) => x.in === p.eId)
            .map((x) => x.text)
            .join("");
          expect(own).toBe(p.text.trim() === "" ? "" : p.text);
        }
      }
    },
  );

  it("provisions of any text concatenate back to it", () => {
    const piece = fc.constantFrom(
      "党员",
      "应当",
      "不得",
      "可以",
      "，",
      "。",
      "；",
      "：",
      "“",
      "”",
      "鼓励",
      "甲",
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 40 }), (parts) => {
        const text = parts.join("");
        const [first] = articlesInOrder(parse(`第一条 ${text}`).body);
        const provisions = first === undefined ? [] : annotateArticle(first.article);
        const paragraphs = first?.article.paragraphs ?? [];
        expect(provisions.map((p) => p.text).join("")).toBe(paragraphs.map((p) => p.text).join(""));
      }),
      { numRuns: 300 },
    );
  });
});
