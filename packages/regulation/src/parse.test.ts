import { describe, expect, it } from "vitest";
import { readSeed } from "../test/fixtures.ts";
import { articlesOf, articleText, divisionsOf } from "../test/tree.ts";
import { RegulationParseError } from "./errors.ts";
import { parse } from "./parse.ts";

describe("parse: the seed regulation", () => {
  const doc = parse(readSeed());
  const articles = articlesOf(doc);
  const art = (n: number) => {
    const found = articles.find((a) => a.number.n === n);
    if (found === undefined) throw new Error(`no article ${n}`);
    return found;
  };

  it("reads title, issuer and date from the first line", () => {
    expect(doc.title).toBe("中国共产党党员网络行为规定");
    expect(doc.issuer).toBe("中共中央办公厅");
    expect(doc.issuedOn).toBe("2024-01-14");
  });

  it("keeps the source line as metadata, not article text", () => {
    expect(doc.source).toBe("中共中央办公厅");
    expect(articleText(art(31))).toBe("本规定自发布之日起施行。");
  });

  it("finds 5 chapters and 31 articles numbered 1 to 31", () => {
    expect(divisionsOf(doc, "chapter").map((c) => c.heading)).toEqual([
      "总则",
      "网络正能量传播",
      "网络行为管理",
      "保障和监督",
      "附则",
    ]);
    expect(articles.map((a) => a.number.n)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(doc.warnings).toEqual([]);
  });

  it("splits articles glued onto one line, and only there", () => {
    expect(articleText(art(10))).toMatch(/直播等活动。$/);
    expect(articleText(art(11))).toBe(
      "党员不得组织、参与和动员不法串联、联署、集会等网上非法组织、非法活动。",
    );
    expect(articleText(art(1))).toMatch(/^为了规范党员网络行为，/);
    expect(articleText(art(2))).toMatch(/^本规定所称网络行为/);
    expect(art(3).line).toBe(5);
  });

  it("normalizes article text", () => {
    expect(articleText(art(3))).toContain("“两个确立”");
    expect(articleText(art(3))).toContain("推动形成良好网络生态");
    expect(articleText(art(27))).toContain("组织生活会对照检查");
    expect(articleText(art(28))).toContain("追究责任：涉嫌违法犯罪的");
  });

  it("marks 附则 and gives standard eIds", () => {
    const chapters = divisionsOf(doc, "chapter");
    expect(chapters.map((c) => c.supplementary)).toEqual([false, false, false, false, true]);
    expect(art(11).eId).toBe("chp_3__art_11");
    expect(art(4).paragraphs.map((p) => p.eId)).toEqual(["chp_1__art_4__para_1"]);
  });
});

describe("parse: irregular text", () => {
  it("keeps references to other articles inside the text", () => {
    const doc = parse(
      "第一条 总则。\n第二条 违反本规定第十条的，依照前款第三条处理。依照《中华人民共和国刑法》第三条。\n第三条 附。",
    );
    expect(articlesOf(doc).map((a) => a.number.n)).toEqual([1, 2, 3]);
  });

  it("splits a glued article only when its number is the next one", () => {
    const doc = parse("第一条 甲。第二条乙；第五条丙。\n第三条 丁：第四条戊。");
    expect(articlesOf(doc).map((a) => [a.number.n, articleText(a)])).toEqual([
      [1, "甲。"],
      [2, "乙；第五条丙。"],
      [3, "丁："],
      [4, "戊。"],
    ]);
  });

  it("reads 第X条之一 as an article of its own", () => {
    const doc = parse("第十七条 甲。\n第十七条之一 乙。\n第十七条之二 丙。\n第十八条 丁。");
    expect(articlesOf(doc).map((a) => [a.number, a.eId, a.label])).toEqual([
      [{ n: 17 }, "art_17", "第十七条"],
      [{ n: 17, sub: 1 }, "art_17_1", "第十七条之一"],
      [{ n: 17, sub: 2 }, "art_17_2", "第十七条之二"],
      [{ n: 18 }, "art_18", "第十八条"],
    ]);
  });

  it("accepts the 笫 typo and a space inside the label, with a warning on their line", () => {
    const doc = parse("第五十三条 甲。\n笫五十四条 乙。\n第五十五条 丙。\n第五十六 条丁。");
    expect(articlesOf(doc).map((a) => a.number.n)).toEqual([53, 54, 55, 56]);
    expect(doc.warnings.map((w) => [w.line, w.code])).toEqual([
      [2, "heading_typo"],
      [4, "spaced_heading"],
    ]);
  });

  it("reads spaced, Markdown and wrapped headings", () => {
    const doc = parse(
      "## 第一章 总 则\n\n第一条 甲。\n\n### 第二章 逃匿\n\n没收程序\n\n第二条 乙。",
    );
    expect(divisionsOf(doc, "chapter").map((c) => c.heading)).toEqual(["总则", "逃匿 没收程序"]);
    expect(doc.warnings).toEqual([]);
  });

  it("nests 编, 分编, 章 and 节, with a bare 附则 and annexes", () => {
    const doc = parse(
      [
        "## 第一编 总则",
        "### 第一分编 通则",
        "#### 第一章 规定",
        "##### 第一节 一般",
        "第四百六十三条 甲。",
        "（一）项一；",
        "1．目一",
        "（二）项二。",
        "后一款。",
        "## 附则",
        "第四百六十四条 乙。",
        "## 附件一",
        "1．某决定",
      ].join("\n"),
    );
    const [a, b] = articlesOf(doc);
    expect(a?.eId).toBe("part_1__subpart_1__chp_1__sec_1__art_463");
    expect(
      a?.paragraphs.map((p) => [p.text, p.items.map((i) => [i.num, i.text, i.subitems.length])]),
    ).toEqual([
      [
        "甲。",
        [
          ["（一）", "项一；", 1],
          ["（二）", "项二。", 0],
        ],
      ],
      ["后一款。", []],
    ]);
    expect(a?.paragraphs[0]?.items[0]?.subitems[0]?.eId).toBe(
      "part_1__subpart_1__chp_1__sec_1__art_463__para_1__point_1__point_1",
    );
    expect(b?.eId).toBe("hcontainer_1__art_464");
    expect(doc.annexes).toEqual([
      { heading: "附件一", eId: "hcontainer_annex_1", lines: ["1．某决定"] },
    ]);
  });

  it("keeps a 序言 as preamble", () => {
    const doc = parse(
      "# 宪法\n<!-- INFO END -->\n## 序言\n中国是世界上历史最悠久的国家之一。\n## 第一章 总纲\n第一条 甲。",
    );
    expect(doc.title).toBe("宪法");
    expect(doc.preamble).toEqual(["中国是世界上历史最悠久的国家之一。"]);
  });

  it("reads a whole text that arrives on one line", () => {
    const doc = parse("中国共产党党员网络行为规定。第一条 甲。第二条乙。");
    expect(articlesOf(doc).map((a) => articleText(a))).toEqual(["甲。", "乙。"]);
  });

  it("warns about numbering that skips or repeats, naming the line", () => {
    const doc = parse("第一条 甲。\n第三条 乙。\n第三条 丙。");
    expect(doc.warnings.map((w) => [w.line, w.code])).toEqual([
      [2, "numbering_gap"],
      [3, "numbering_repeat"],
    ]);
    expect(articlesOf(doc).map((a) => a.eId)).toEqual(["art_1", "art_3", "art_3-2"]);
    expect(() => parse("第一条 甲。\n第三条 乙。", { strict: true })).toThrow(
      expect.objectContaining({ code: "strict_warning", line: 2 }),
    );
  });

  it("gives zero articles and a warning for text without 条, or an error when strict", () => {
    const doc = parse("一、将刑法第十七条修改为：“已满十六周岁的人犯罪，应当负刑事责任。”");
    expect(articlesOf(doc)).toEqual([]);
    expect(doc.warnings.map((w) => w.code)).toEqual(["no_articles"]);
    expect(() => parse("无条文", { strict: true })).toThrow(RegulationParseError);
  });

  it.each([
    ["", "empty_input", 0],
    [" \n\u3000\n", "empty_input", 0],
    ["\u200B", "empty_input", 0],
    ["第一条 甲\n\u0000\u0001", "binary_input", 2],
    ["\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000E\u000F", "binary_input", 1],
  ])("rejects %j with a typed error", (input, code, line) => {
    expect(() => parse(input)).toThrow(
      expect.objectContaining({ name: "RegulationParseError", code, line }),
    );
  });
});
