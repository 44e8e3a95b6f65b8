import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readSeed } from "../test/fixtures.ts";
import { articleContentKey, type DiffOp, diffArticles, diffChars } from "./diff.ts";
import { parse } from "./parse.ts";
import { articlesInOrder } from "./walk.ts";

const side = (ops: DiffOp[], keep: DiffOp["op"]) =>
  ops
    .filter((o) => o.op === "equal" || o.op === keep)
    .map((o) => o.text)
    .join("");

describe("diffChars", () => {
  it("marks a one-character change", () => {
    expect(diffChars("党员应当遵守", "党员必须遵守")).toEqual([
      { op: "equal", text: "党员" },
      { op: "delete", text: "应当" },
      { op: "insert", text: "必须" },
      { op: "equal", text: "遵守" },
    ]);
    expect(diffChars("", "")).toEqual([]);
    expect(diffChars("甲", "")).toEqual([{ op: "delete", text: "甲" }]);
  });

  it("reconstructs both texts and is minimal", () => {
    const text = fc.string({
      unit: fc.constantFrom("党", "员", "不", "得", "。", "a", "𠀀"),
      maxLength: 30,
    });
    fc.assert(
      fc.property(text, text, (a, b) => {
        const ops = diffChars(a, b);
        expect(side(ops, "delete")).toBe(a);
        expect(side(ops, "insert")).toBe(b);
        const edits = ops
          .filter((o) => o.op !== "equal")
          .reduce((n, o) => n + Array.from(o.text).length, 0);
        expect(edits).toBe(Array.from(a).length + Array.from(b).length - 2 * lcsLength(a, b));
      }),
    );
  });
});

function lcsLength(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  const row = new Array<number>(y.length + 1).fill(0);
  for (const cx of x) {
    let diagonal = 0;
    y.forEach((cy, j) => {
      const above = row[j + 1] ?? 0;
      row[j + 1] = cx === cy ? diagonal + 1 : Math.max(above, row[j] ?? 0);
      diagonal = above;
    });
  }
  return row[y.length] ?? 0;
}

describe("diffArticles", () => {
  it("finds added, removed and changed articles", () => {
    const before = parse(readSeed());
    const after = parse(
      readSeed()
        .replace("第三十一条 本规定自发布之日起施行。", "")
        .replace("党员不得擅自建立", "党员严禁擅自建立")
        .replace("第十七条 党员", "第十七条之一 新增。\n第十七条 党员"),
    );
    const diff = diffArticles(before, after);
    expect(diff.added).toEqual([{ n: 17, sub: 1 }]);
    expect(diff.removed).toEqual([{ n: 31 }]);
    expect(diff.changed.map((c) => c.number)).toEqual([{ n: 14 }]);
    expect(diff.changed[0]?.charDiff.filter((o) => o.op !== "equal")).toEqual([
      { op: "delete", text: "不得" },
      { op: "insert", text: "严禁" },
    ]);
  });
});

describe("articleContentKey", () => {
  const keyOf = (text: string) => {
    const [first] = articlesInOrder(parse(text).body);
    return first === undefined ? "" : articleContentKey(first.article);
  };

  it("ignores layout and punctuation width, not wording or number", () => {
    const key = keyOf("第十条 党员不得组织、参加,相关活动。");
    expect(key).toBe(keyOf("第十条  党员不得组织、参加，相关 活动。"));
    expect(key).not.toBe(keyOf("第十条 党员不得组织、参与，相关活动。"));
    expect(key).not.toBe(keyOf("第十一条 党员不得组织、参加，相关活动。"));
    expect(key).toMatch(/^wanggui-article-v1\|10\|/);
  });
});
