import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalize, splitLines } from "./normalize.ts";

const norm = (s: string) => normalize(s).text;

describe("normalize", () => {
  it("removes stray spaces between Chinese characters", () => {
    expect(norm("推动形 成良好网络生态")).toBe("推动形成良好网络生态");
    expect(norm("民主生活会、组织 生活会对照检查")).toBe("民主生活会、组织生活会对照检查");
    expect(norm("通报表 扬先进")).toBe("通报表扬先进");
  });

  it("turns ASCII punctuation inside Chinese text full-width", () => {
    expect(norm("为了规范党员网络行为,发挥党员作用;制定本规定!")).toBe(
      "为了规范党员网络行为，发挥党员作用；制定本规定！",
    );
    expect(norm("依规依纪追究责任: 涉嫌违法犯罪的")).toBe("依规依纪追究责任：涉嫌违法犯罪的");
    expect(norm("是否属实?")).toBe("是否属实？");
    expect(norm("(来源:中共中央办公厅)")).toBe("（来源：中共中央办公厅）");
  });

  it("pairs straight quotes inside Chinese text", () => {
    expect(norm('领悟"两个确立"的决定性意义,增强"四个意识"')).toBe(
      "领悟“两个确立”的决定性意义，增强“四个意识”",
    );
  });

  it("leaves digits and Latin text alone", () => {
    expect(norm("2024年1月14日")).toBe("2024年1月14日");
    expect(norm("user ID 123, name: Li (admin)")).toBe("user ID 123, name: Li (admin)");
    expect(norm("金额1,000元")).toBe("金额1,000元");
    expect(norm("时间10:30")).toBe("时间10:30");
    expect(norm('He said "hi"')).toBe('He said "hi"');
  });

  it("keeps one space after a heading label and removes the others", () => {
    expect(norm("## 第一章 总 则")).toBe("## 第一章 总则");
    expect(norm("第一分编  通则")).toBe("第一分编 通则");
    expect(norm("第一条　为了规范党员网络行为")).toBe("第一条 为了规范党员网络行为");
    expect(norm("第一百二十八 条侦查人员")).toBe("第一百二十八条侦查人员");
  });

  it("keeps the raw text for provenance", () => {
    const raw = "党员 应当, 遵守";
    expect(normalize(raw).raw).toBe(raw);
  });

  it("keeps the number of lines, whatever the line breaks", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        expect(splitLines(norm(s)).length).toBe(splitLines(s.replace(/^\uFEFF/, "")).length);
      }),
    );
  });

  it("is idempotent", () => {
    const piece = fc.constantFrom(
      "党员",
      "第一条",
      " ",
      ",",
      '"',
      "(",
      ")",
      ":",
      "。",
      "ID",
      "12",
      "\n",
      "　",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const once = norm(parts.join(""));
        expect(norm(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});
