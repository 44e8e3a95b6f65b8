import { describe, expect, it } from "vitest";
import { readSeed } from "../test/fixtures.ts";
import { cite } from "./cite.ts";
import { parse } from "./parse.ts";

const refsOf = (text: string) => [...cite(parse(text)).values()].flat();

describe("cite", () => {
  it("keeps the seed's external references with their titles", () => {
    const refs = cite(parse(readSeed()));
    expect(refs.get("chp_1__art_1")?.map((r) => r.kind === "external" && r.title)).toEqual([
      "中国共产党党员教育管理工作条例",
      "有关党内法规",
    ]);
    expect(refs.get("chp_3__art_9")?.map((r) => r.kind === "external" && r.title)).toEqual([
      "党规党纪",
      "法律法规",
    ]);
    expect(refs.get("chp_5__art_29")?.map((r) => r.kind === "external" && r.title)).toEqual([
      "军队有关规定",
    ]);
  });

  it("resolves internal references to eIds", () => {
    const refs = refsOf(
      [
        "## 第一章 总则",
        "第一条 甲。",
        "第二条 乙。",
        "违反本规定第一条的，依照前款处理。本条和本章另有规定的除外。",
        "## 第二章 罚则",
        "第三条 依照第二条第一款和第九条处理。",
      ].join("\n"),
    );
    expect(
      refs.map((r) => (r.kind === "internal" ? [r.text, r.target, r.eId, r.from] : r.text)),
    ).toEqual([
      ["本规定第一条", "article", "chp_1__art_1", "chp_1__art_2__para_2"],
      ["前款", "paragraph", "chp_1__art_2__para_1", "chp_1__art_2__para_2"],
      ["本条", "article", "chp_1__art_2", "chp_1__art_2__para_2"],
      ["本章", "chapter", "chp_1", "chp_1__art_2__para_2"],
      ["第二条第一款", "paragraph", "chp_1__art_2__para_1", "chp_2__art_3__para_1"],
      ["第九条", "article", null, "chp_2__art_3__para_1"],
    ]);
  });

  it("reads an article of another instrument as external", () => {
    const [ref] = refsOf("第一条 依照《中华人民共和国刑法》第三条之一处理。");
    expect(ref).toMatchObject({
      kind: "external",
      title: "中华人民共和国刑法",
      article: { n: 3, sub: 1 },
    });
  });

  it("expands 前两款 to both paragraphs", () => {
    const refs = refsOf("第一条 甲。\n乙。\n有前两款情形的，从重。");
    expect(refs.map((r) => r.kind === "internal" && r.eId)).toEqual([
      "art_1__para_1",
      "art_1__para_2",
    ]);
  });
});
