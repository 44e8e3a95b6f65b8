import { describe, expect, it } from "vitest";
import { readCorpusFile, readSeed } from "../test/fixtures.ts";
import { toJson } from "./export-json.ts";
import { parse } from "./parse.ts";

describe("toJson", () => {
  const json = toJson(parse(readSeed()));

  it("has the document's facts and chapters with integer article numbers", () => {
    expect([json.title, json.issuer, json.issuedOn, json.source]).toEqual([
      "中国共产党党员网络行为规定",
      "中共中央办公厅",
      "2024-01-14",
      "中共中央办公厅",
    ]);
    expect(json.chapters.map((c) => [c.number, c.heading, c.articles])).toEqual([
      [1, "总则", [1, 2, 3, 4]],
      [2, "网络正能量传播", [5, 6, 7, 8]],
      [3, "网络行为管理", [9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21]],
      [4, "保障和监督", [22, 23, 24, 25, 26, 27, 28]],
      [5, "附则", [29, 30, 31]],
    ]);
  });

  it("gives each article its text, paragraphs, provisions and references", () => {
    const art29 = json.articles[28];
    expect(art29).toMatchObject({
      number: 29,
      eId: "chp_5__art_29",
      chapter: 5,
      text: "军队党员实施网络行为，按照军队有关规定执行。",
      paragraphs: [{ text: "军队党员实施网络行为，按照军队有关规定执行。", items: [] }],
      provisions: [{ kind: "applicability", subjects: ["military_member"] }],
      references: [{ kind: "external", title: "军队有关规定" }],
    });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it("numbers 第X条之一 as an integer with its sub-number", () => {
    const law = toJson(parse(readCorpusFile("刑法.md")));
    const zhi = law.articles.find((a) => a.sub === 1 && a.number === 17);
    expect(zhi?.label).toBe("第十七条之一");
    expect(law.articles).toHaveLength(505);
    expect(law.chapters).toHaveLength(15);
  });
});
