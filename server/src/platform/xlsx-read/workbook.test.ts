import ExcelJS from "exceljs";
import fc from "fast-check";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import {
  type CellValue,
  columnOf,
  isDateFormat,
  readFirstSheet,
  UnreadableWorkbook,
} from "./workbook.ts";
import { entryBytes, ZipError, zipEntries } from "./zip.ts";

async function rowsOf(file: Buffer) {
  const rows: { number: number; values: CellValue[] }[] = [];
  for await (const row of readFirstSheet(file)) rows.push(row);
  return rows;
}

/** A cell as ExcelJS's own full reader gives it, in the reader's terms. */
function excelValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "object" && !(value instanceof Date)) {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("result" in value) return excelValue(value.result as ExcelJS.CellValue);
    return null;
  }
  return value;
}

/** Characters XML 1.0 can carry in text; no cell of any .xlsx holds the others. */
function xmlCharacter(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return code >= 0x20 && code !== 0xfffe && code !== 0xffff;
}

const text = fc.oneof(
  fc.constantFrom(
    "张伟",
    "中共杭州市西湖区委组织部",
    "正式党员",
    "a & b < c > \"d\" 'e'",
    " 前后有空格 ",
  ),
  fc
    .string({ unit: "grapheme", minLength: 1, maxLength: 20 })
    .filter((s) => [...s].every(xmlCharacter)),
);
const cell: fc.Arbitrary<ExcelJS.CellValue> = fc.oneof(
  text,
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.integer({ min: -7_300, max: 22_000 }).map((d) => new Date(d * 86_400_000)),
  fc.array(text, { minLength: 1, maxLength: 3 }).map((parts) => ({
    richText: parts.map((t, i) => ({ text: t, font: { bold: i % 2 === 0 } })),
  })),
  fc.integer({ min: 0, max: 99 }).map((n) => ({ formula: `${n}+1`, result: n + 1 })),
  fc.constant(null),
);

describe("readFirstSheet", () => {
  it("reads what ExcelJS wrote as ExcelJS's own reader reads it, with shared or inline strings", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        async (grid, useSharedStrings) => {
          const wb = new ExcelJS.Workbook();
          const sheet = wb.addWorksheet("党员名册");
          grid.forEach((cells, r) => {
            cells.forEach((value, c) => {
              const target = sheet.getCell(r + 1, c + 1);
              target.value = value;
              if (value instanceof Date) target.numFmt = "yyyy/m/d";
            });
          });
          wb.addWorksheet("填写说明").getCell(1, 1).value = "第二张表不读";
          const file = Buffer.from(
            await (
              wb.xlsx as unknown as { writeBuffer(o: object): Promise<ArrayBuffer> }
            ).writeBuffer({ useSharedStrings }),
          );
          const oracle = new ExcelJS.Workbook();
          await oracle.xlsx.load(file as unknown as ArrayBuffer);
          const expected: { number: number; values: CellValue[] }[] = [];
          oracle.worksheets[0]?.eachRow((row) => {
            const values: CellValue[] = [null];
            row.eachCell({ includeEmpty: true }, (c, col) => {
              values[col] = excelValue(c.value);
            });
            for (let i = 0; i < values.length; i++) values[i] ??= null;
            expected.push({ number: row.number, values });
          });
          const got = (await rowsOf(file)).filter((r) => r.values.some((v) => v !== null));
          const trimmed = got.map((r) => {
            const values = [...r.values];
            while (values.length > 1 && values[values.length - 1] === null) values.pop();
            return { number: r.number, values };
          });
          const expectedTrimmed = expected.map((r) => {
            const values = [...r.values];
            while (values.length > 1 && values[values.length - 1] === null) values.pop();
            return { number: r.number, values };
          });
          expect(trimmed).toEqual(expectedTrimmed);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("takes the first sheet in the workbook's order, joins runs, skips phonetic guides, and knows 1904 dates", async () => {
    const zip = new JSZip();
    zip.file(
      "_rels/.rels",
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/book/main.xml"/></Relationships>`,
    );
    // The sheet comes before the shared strings in the archive, as Excel writes it.
    zip.file(
      "book/sheets/b.xml",
      `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
        <x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c r="C2" s="1"><x:v>0</x:v></x:c><x:c t="inlineStr"><x:is><x:r><x:t>内联</x:t></x:r><x:r><x:t xml:space="preserve"> 文本</x:t></x:r></x:is></x:c></x:row>
        <x:row><x:c r="A3" t="s"><x:v>1</x:v></x:c><x:c r="B3" t="b"><x:v>1</x:v></x:c><x:c r="C3" t="e"><x:v>#N/A</x:v></x:c><x:c r="D3" t="str"><x:f>A3</x:f><x:v>公式结果</x:v></x:c><x:c r="E3" t="s"/><x:c r="F3" t="b"/></x:row>
      </x:sheetData></x:worksheet>`,
    );
    zip.file(
      "book/sheets/a.xml",
      `<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>不是第一张</t></is></c></row></sheetData></worksheet>`,
    );
    zip.file(
      "book/main.xml",
      `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets><sheet name="名册" sheetId="2" r:id="rB"/><sheet name="其他" sheetId="1" r:id="rA"/></sheets></workbook>`,
    );
    zip.file(
      "book/_rels/main.xml.rels",
      `<Relationships><Relationship Id="rA" Type="x/worksheet" Target="sheets/a.xml"/><Relationship Id="rB" Type="x/worksheet" Target="./sheets/b.xml"/><Relationship Id="rS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="../strings.xml"/><Relationship Id="rT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    );
    zip.file(
      "strings.xml",
      `<sst><si><r><t>王</t></r><r><t>芳</t></r><rPh sb="0" eb="1"><t>ワン</t></rPh></si><si><t><![CDATA[党支部 & 小组]]></t></si></sst>`,
    );
    zip.file(
      "book/styles.xml",
      `<styleSheet><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellStyleXfs><xf numFmtId="176"/></cellStyleXfs><cellXfs><xf numFmtId="0"/><xf numFmtId="176"/></cellXfs></styleSheet>`,
    );
    const file = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    expect(await rowsOf(file)).toEqual([
      { number: 2, values: [null, "王芳", null, new Date("1904-01-01T00:00:00Z"), "内联 文本"] },
      { number: 3, values: [null, "党支部 & 小组", true, null, "公式结果", null, null] },
    ]);
  });

  it("reads stored (uncompressed) entries as well as deflated ones", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("名册").addRow(["姓名", "李娜"]);
    const deflated = Buffer.from(await wb.xlsx.writeBuffer());
    const zip = await JSZip.loadAsync(deflated);
    const stored = await zip.generateAsync({ type: "nodebuffer", compression: "STORE" });
    expect(await rowsOf(stored)).toEqual(await rowsOf(deflated));
    expect((await rowsOf(stored))[0]?.values).toEqual([null, "姓名", "李娜"]);
  });

  it("refuses a cell longer than Excel allows instead of gathering it", async () => {
    const zip = new JSZip();
    zip.file(
      "xl/workbook.xml",
      `<workbook><sheets><sheet r:id="r1" xmlns:r="r"/></sheets></workbook>`,
    );
    zip.file(
      "xl/_rels/workbook.xml.rels",
      `<Relationships><Relationship Id="r1" Type="t/worksheet" Target="s.xml"/></Relationships>`,
    );
    zip.file(
      "xl/s.xml",
      `<worksheet><sheetData><row><c t="inlineStr"><is><t>${"长".repeat(40_000)}</t></is></c></row></sheetData></worksheet>`,
    );
    const file = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    await expect(rowsOf(file)).rejects.toBeInstanceOf(UnreadableWorkbook);
  });

  it("answers any damaged or foreign file with UnreadableWorkbook, never another error", async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("名册");
    for (let i = 0; i < 30; i++) sheet.addRow([`党员${i}`, i, new Date(Date.UTC(1980, 0, i + 1))]);
    const good = Buffer.from(await wb.xlsx.writeBuffer());
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2_000 }).map((b) => Buffer.from(b)),
          fc.integer({ min: 0, max: good.length - 1 }).map((n) => good.subarray(0, n)),
          fc
            .array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), {
              minLength: 1,
              maxLength: 8,
            })
            .map((flips) => {
              const copy = Buffer.from(good);
              for (const [at, byte] of flips) copy[at] = byte;
              return copy;
            }),
        ),
        async (file) => {
          try {
            await rowsOf(file);
          } catch (error) {
            expect(error).toBeInstanceOf(UnreadableWorkbook);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("zip entries", () => {
  it("stops inflating an entry past its limit", async () => {
    const zip = new JSZip();
    zip.file("big.xml", Buffer.alloc(4 * 1024 * 1024, 0x20));
    const file = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    const entry = zipEntries(file).get("big.xml");
    if (!entry) throw new Error("entry missing");
    let total = 0;
    await expect(
      (async () => {
        for await (const chunk of entryBytes(file, entry, 1024 * 1024)) total += chunk.length;
      })(),
    ).rejects.toBeInstanceOf(ZipError);
    expect(total).toBeLessThanOrEqual(1024 * 1024);
  });
});

describe("cell helpers", () => {
  it("tells columns by letters and dates by format", () => {
    expect([
      columnOf("A1"),
      columnOf("Z9"),
      columnOf("AA10"),
      columnOf("XFD1"),
      columnOf("XFE1"),
    ]).toEqual([1, 26, 27, 16_384, 0]);
    expect(isDateFormat('yyyy"年"m"月"d"日"')).toBe(true);
    expect(isDateFormat("[$-F800]dddd, mmmm dd, yyyy")).toBe(true);
    expect(isDateFormat("General")).toBe(false);
    expect(isDateFormat('0.00"元"')).toBe(false);
    expect(isDateFormat("[Red]#,##0")).toBe(false);
    expect(isDateFormat("@")).toBe(false);
  });
});
