import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import { AKN_SCHEMAS, readCorpusFile, readSeed } from "../test/fixtures.ts";
import { toAkn } from "./export-akn.ts";
import { parse } from "./parse.ts";

const schema = readFileSync(resolve(AKN_SCHEMAS, "akomantoso30.xsd"), "utf8");
const xmlXsd = readFileSync(resolve(AKN_SCHEMAS, "xml.xsd"), "utf8");

async function validate(xml: string) {
  return validateXML({
    xml: [{ fileName: "act.xml", contents: xml }],
    schema: [schema],
    preload: [{ fileName: "xml.xsd", contents: xmlXsd }],
    maxMemoryPages: 16_384,
  });
}

describe("toAkn", () => {
  const seedXml = toAkn(parse(readSeed()), { generatedOn: "2025-01-01" });

  it("is valid against the OASIS Akoma Ntoso 3.0 schema", async () => {
    const result = await validate(seedXml);
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("fails validation when the structure is wrong, so the check can fail", async () => {
    const broken = seedXml.replace("<num>第一条</num>", "<numero>第一条</numero>");
    expect((await validate(broken)).valid).toBe(false);
  });

  it("uses standard eIds and carries provision kinds and subjects as TLC references", () => {
    expect(seedXml).toContain(`<article eId="chp_3__art_11"><num>第十一条</num>`);
    expect(seedXml).toContain(`<paragraph eId="chp_3__art_11__para_1">`);
    expect(seedXml).toContain(
      `<TLCRole eId="military_member" href="/ontology/role/wanggui/military_member" showAs="军队党员"/>`,
    );
    expect(seedXml).toContain(`<span refersTo="#prohibition #cadre">党员干部不得利用职务便利`);
    expect(seedXml).toContain(`<FRBRdate date="2024-01-14" name="issued"/>`);
    expect(seedXml).toContain(`<FRBRdate date="2025-01-01" name="generation"/>`);
  });

  it.each([
    "刑法.md",
    "宪法.md",
    "刑法修正案（十一）.md",
    "民法典-合同编.md",
    "机动车登记规定(2021-12-17).md",
  ])(
    "%s is valid too",
    async (file) => {
      const result = await validate(toAkn(parse(readCorpusFile(file))));
      expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
    },
    30_000,
  );
});
