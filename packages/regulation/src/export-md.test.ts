import { describe, expect, it } from "vitest";
import { readCorpusFile, readSeed } from "../test/fixtures.ts";
import { toMarkdown } from "./export-md.ts";
import { parse } from "./parse.ts";
import { articlesInOrder, articleText } from "./walk.ts";

describe("toMarkdown", () => {
  it("writes headings and bold article labels", () => {
    const md = toMarkdown(parse(readSeed()));
    expect(md.startsWith("# 中国共产党党员网络行为规定\n")).toBe(true);
    expect(md).toContain("\n## 第三章 网络行为管理\n");
    expect(md).toContain("\n**第十一条** 党员不得组织、参与和动员不法串联");
    expect(md).toContain("（来源：中共中央办公厅）");
  });

  it.each(["刑法.md", "宪法.md", "民法典-合同编.md"])(
    "%s: reads back to the same articles",
    (file) => {
      const doc = parse(readCorpusFile(file));
      const again = parse(toMarkdown(doc).replace(/\*\*/g, ""));
      const texts = (d: typeof doc) =>
        articlesInOrder(d.body).map((a) => [a.article.eId, articleText(a.article)]);
      expect(texts(again)).toEqual(texts(doc));
    },
  );
});
