import { describe, expect, it } from "vitest";
import { articleTree, chaptersOf, pickedArticles } from "./chapters";
import type { ArticleRef } from "./study.api";

const article = (
  id: number,
  number: number,
  chapter: [number, string, string] | null,
): ArticleRef => ({
  id,
  documentId: 1,
  number,
  sub: 0,
  label: `第${number}条`,
  chapterNumber: chapter?.[0] ?? null,
  chapterLabel: chapter?.[1] ?? null,
  chapterHeading: chapter?.[2] ?? null,
});

describe("chaptersOf", () => {
  it("names each chapter as the regulation does, once, in order", () => {
    const chapters = chaptersOf([
      article(19, 9, [3, "第三章", "网络行为管理"]),
      article(1, 1, [1, "第一章", "总则"]),
      article(20, 10, [3, "第三章", "网络行为管理"]),
      article(40, 32, null),
    ]);
    expect(chapters).toEqual([
      { number: 1, label: "第一章 总则", articleIds: [1] },
      { number: 3, label: "第三章 网络行为管理", articleIds: [19, 20] },
    ]);
  });

  it("falls back to the number when a text gives a chapter no heading", () => {
    expect(chaptersOf([article(5, 5, [2, "", ""])])[0]?.label).toBe("第2章");
  });
});

describe("articleTree and pickedArticles", () => {
  const articles = [
    article(1, 1, [1, "第一章", "总则"]),
    article(2, 2, [1, "第一章", "总则"]),
    article(19, 19, [3, "第三章", "网络行为管理"]),
    article(40, 32, null),
  ];

  it("puts each article under its chapter, loose articles last", () => {
    expect(articleTree(articles)).toEqual([
      {
        value: "c1",
        title: "第一章 总则",
        children: [
          { value: "a1", title: "第1条" },
          { value: "a2", title: "第2条" },
        ],
      },
      { value: "c3", title: "第三章 网络行为管理", children: [{ value: "a19", title: "第19条" }] },
      { value: "a40", title: "第32条" },
    ]);
  });

  it("turns a chapter into its articles and keeps single articles, once each", () => {
    expect(pickedArticles(["c1", "a19", "a2"], articles)).toEqual([1, 2, 19]);
    expect(pickedArticles(["c9", "x", "a0"], articles)).toEqual([]);
  });
});
