import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS, readCorpusFile } from "../test/fixtures.ts";
import { articlesOf, divisionsOf } from "../test/tree.ts";
import { parse } from "./parse.ts";

interface Row {
  file: string;
  title: string;
  zhang: number;
  articles: number;
  tiao: number;
  anomalies: number;
  seq: string;
}

const [head, ...lines] = readFileSync(resolve(CORPUS, "MANIFEST.tsv"), "utf8").trim().split("\n");
const columns = (head ?? "").split("\t");
const rows: Row[] = lines.map((line) => {
  const cells = line.split("\t");
  const get = (name: string) => cells[columns.indexOf(name)] ?? "";
  return {
    file: get("file"),
    title: get("title"),
    zhang: Number(get("zhang")),
    articles: Number(get("tiao")) + Number(get("tiao_zhi")) + Number(get("anomalies")),
    tiao: Number(get("tiao")),
    anomalies: Number(get("anomalies")),
    seq: get("seq"),
  };
});
// Per the corpus README: a break in the numbering that no anomaly explains is an amendment
// quoting other text, which has no single right count.
const scored = rows.filter((r) => !r.seq.startsWith("break") || r.anomalies > 0);

describe("corpus of real laws", () => {
  it("has the 34 files the README lists", () => {
    expect(rows).toHaveLength(34);
    expect(scored.length).toBeGreaterThanOrEqual(33);
  });

  it.each(scored.map((r) => [r.file, r] as const))("%s: chapters and articles", (_file, row) => {
    const doc = parse(readCorpusFile(row.file));
    expect(divisionsOf(doc, "chapter")).toHaveLength(row.zhang);
    expect(articlesOf(doc)).toHaveLength(row.articles);
    expect(doc.title).toBe(row.title);
    if (row.tiao === 0) expect(doc.warnings.map((w) => w.code)).toContain("no_articles");
    if (row.seq.startsWith("ok")) {
      expect(doc.warnings.filter((w) => w.code.startsWith("numbering"))).toEqual([]);
      const [from, to] = row.seq.slice(3).split("-").map(Number);
      const plain = articlesOf(doc).filter((a) => a.number.sub === undefined);
      expect([plain[0]?.number.n, plain.at(-1)?.number.n]).toEqual([from, to]);
    }
  });

  it.each(rows.filter((r) => !scored.includes(r)).map((r) => [r.file]))(
    "%s: parses without error",
    (file) => {
      const doc = parse(readCorpusFile(file));
      expect(doc.warnings.some((w) => w.code === "numbering_gap")).toBe(true);
    },
  );

  it("dates every file that states its dates", () => {
    const dated = rows.filter((r) =>
      /\d{4}年\d{1,2}月\d{1,2}日/.test(readCorpusFile(r.file).split("<!-- INFO END -->")[0] ?? ""),
    );
    for (const row of dated)
      expect(parse(readCorpusFile(row.file)).issuedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(parse(readCorpusFile("民法典-合同编.md")).issuedOn).toBe("2020-05-28");
  });
});
