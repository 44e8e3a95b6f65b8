import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseNumeral, toChineseNumeral } from "./numerals.ts";

describe("parseNumeral", () => {
  it.each([
    ["一", 1],
    ["十", 10],
    ["十一", 11],
    ["一十一", 11],
    ["二十", 20],
    ["一百", 100],
    ["一百零八", 108],
    ["一百一十", 110],
    ["一百十", 110],
    ["四百六十三", 463],
    ["九百八十八", 988],
    ["一千二百六十", 1260],
    ["一千零一", 1001],
    ["两千", 2000],
    ["一万零五", 10005],
    ["二〇二四", 2024],
    ["108", 108],
    ["１０８", 108],
  ])("%s → %i", (text, n) => {
    expect(parseNumeral(text)).toBe(n);
  });

  it.each(["", "百", "十十", "一二三百", "二百三千", "万", "五x", "第"])("rejects %j", (text) => {
    expect(parseNumeral(text)).toBeNull();
  });

  it("reads back every numeral it writes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), (n) => {
        expect(parseNumeral(toChineseNumeral(n))).toBe(n);
      }),
    );
  });

  it("writes headings the way regulations do", () => {
    expect(toChineseNumeral(11)).toBe("十一");
    expect(toChineseNumeral(108)).toBe("一百零八");
    expect(toChineseNumeral(1260)).toBe("一千二百六十");
    expect(toChineseNumeral(110)).toBe("一百一十");
    expect(toChineseNumeral(10_010)).toBe("一万零一十");
  });
});
