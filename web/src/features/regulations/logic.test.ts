import { describe, expect, it } from "vitest";
import { KINDS, SUBJECTS } from "../../../../server/src/modules/regulations/regulations.schemas.ts";
import { leafKeys } from "../../shared/i18n/keys";
import { articleSlug, fromDiffNumber, parseArticleSlug } from "./article-number";
import { bindingIndex, bindsChoices } from "./binding";
import { enUS, zhCN } from "./locale";
import { readerStateOf, stateQuery } from "./reader-links";
import { linkReferences } from "./references";
import type { Reference } from "./regulations.api";

describe("article numbers", () => {
  it("reads the API's URL form and writes it back", () => {
    expect(parseArticleSlug("11")).toEqual({ number: 11, sub: 0 });
    expect(parseArticleSlug("133-1")).toEqual({ number: 133, sub: 1 });
    for (const slug of ["11", "133-1", "21-1"])
      expect(articleSlug(parseArticleSlug(slug) ?? { number: 0, sub: 0 })).toBe(slug);
  });

  it("refuses what is not an article number", () => {
    for (const slug of ["0", "abc", "11-", "-1", "11-123", "1.5", "", undefined])
      expect(parseArticleSlug(slug)).toBeNull();
  });

  it("turns the diff's {n, sub?} into an article number", () => {
    expect(fromDiffNumber({ n: 19 })).toEqual({ number: 19, sub: 0 });
    expect(articleSlug(fromDiffNumber({ n: 21, sub: 1 }))).toBe("21-1");
  });
});

describe("对我适用", () => {
  it("offers a member only their own kind, a cadre theirs, an account without a record both", () => {
    expect(bindsChoices("member", undefined)).toEqual(["all", "member"]);
    expect(bindsChoices("cadre", undefined)).toEqual(["all", "cadre"]);
    expect(bindsChoices(undefined, undefined)).toEqual(["all", "member", "cadre"]);
  });

  it("keeps the kind a shared link names, so the switch shows what the page shows", () => {
    expect(bindsChoices("member", "cadre")).toEqual(["all", "member", "cadre"]);
  });
});

describe("reader state in the URL", () => {
  it("keeps a valid version and binds, drops anything else", () => {
    expect(readerStateOf(new URLSearchParams("version=2&binds=cadre"))).toEqual({
      version: 2,
      binds: "cadre",
    });
    expect(readerStateOf(new URLSearchParams("version=-1&binds=organization"))).toEqual({
      version: undefined,
      binds: undefined,
    });
  });

  it("writes only what is set, extras last", () => {
    expect(stateQuery({})).toBe("");
    expect(stateQuery({ binds: "member" }, { q: "直播 带货" })).toBe(
      "?binds=member&q=%E7%9B%B4%E6%92%AD+%E5%B8%A6%E8%B4%A7",
    );
  });
});

describe("references in the text", () => {
  const art21: Reference = {
    kind: "internal",
    text: "本规定第二十一条",
    article: { number: 21, sub: 0 },
  };
  const short: Reference = {
    kind: "internal",
    text: "第二十一条",
    article: { number: 21, sub: 0 },
  };
  const rules: Reference = { kind: "external", text: "有关规定", title: "有关规定" };

  it("cuts the text around each reference, in order", () => {
    const pieces = linkReferences("党员依照本规定第二十一条举报的，按照有关规定处理。", [
      rules,
      art21,
    ]);
    expect(pieces.map((p) => [p.text, p.ref?.kind ?? null])).toEqual([
      ["党员依照", null],
      ["本规定第二十一条", "internal"],
      ["举报的，按照", null],
      ["有关规定", "external"],
      ["处理。", null],
    ]);
  });

  it("prefers the longer reference where two start together and never nests them", () => {
    const pieces = linkReferences("依照本规定第二十一条", [short, art21]);
    expect(pieces.map((p) => p.text)).toEqual(["依照", "本规定第二十一条"]);
  });

  it("leaves text without references whole", () => {
    expect(linkReferences("党员应当……", [])).toEqual([{ text: "党员应当……" }]);
    expect(linkReferences("", [art21])).toEqual([]);
  });
});

describe("what binds me", () => {
  it("indexes the server's answer by article and provision", () => {
    const index = bindingIndex([
      { id: 12, article: { number: 11, sub: 0 } },
      { id: 13, article: { number: 11, sub: 0 } },
      { id: 38, article: { number: 21, sub: 1 } },
    ]);
    expect([...index.articles]).toEqual(["11", "21-1"]);
    expect(index.provisions.has(13)).toBe(true);
    expect(index.provisions.has(14)).toBe(false);
  });
});

describe("reader strings", () => {
  it("name every kind and subject the API can send, in both languages", () => {
    const needed = [
      ...KINDS.map((k) => `reader.kind.${k}`),
      ...SUBJECTS.map((s) => `reader.subject.${s}`),
      ...["member", "cadre"].map((w) => `reader.who.${w}`),
      ...["md", "json", "akn"].map((f) => `reader.export.${f}`),
    ];
    for (const dict of [zhCN, enUS]) {
      const keys = new Set(leafKeys(dict));
      expect(needed.filter((k) => !keys.has(k))).toEqual([]);
    }
  });
});
