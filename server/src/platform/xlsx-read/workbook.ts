import { localName, parsePart, readPart } from "./xml.ts";
import { type ZipEntry, zipEntries } from "./zip.ts";

/** A cell as a reader of a filled-in form needs it: text, number, yes/no, date or empty. */
export type CellValue = string | number | boolean | Date | null;

/** One row of a sheet: its 1-based number, and its cells by 1-based column (index 0 unused). */
export interface SheetRow {
  number: number;
  values: CellValue[];
}

/** The workbook cannot be read: not an .xlsx, damaged, or bigger inside than any roster. */
export class UnreadableWorkbook extends Error {}

/** Excel's own limit on one cell; a longer text can only come from a hostile file. */
const MAX_CELL_CHARS = 32_767;
/** Inflated size allowed for the small parts and for the shared strings of a large sheet. */
const MAX_PART_BYTES = 8 * 1024 * 1024;
const MAX_STRINGS_BYTES = 96 * 1024 * 1024;
const MAX_SHEET_BYTES = 512 * 1024 * 1024;

const OFFICE_DOCUMENT = "/officeDocument";
const SHARED_STRINGS = "/sharedStrings";
const STYLES = "/styles";

/**
 * The rows of a workbook's first sheet, read as its zip inflates: a 100,000-row sheet never
 * sits in memory as text or as a cell model, only its shared strings do. Written for the
 * roster import (issue 10), where ExcelJS's streaming reader and its TypeScript worker held
 * about 130 MB for such a file; see ADR 0031 for what it reads and what it does not.
 */
export async function* readFirstSheet(file: Buffer): AsyncGenerator<SheetRow> {
  try {
    const zip = zipEntries(file);
    const part = (name: string | undefined) => (name === undefined ? undefined : zip.get(name));
    const rootRels = await relationships(file, zip.get("_rels/.rels"));
    const workbookName =
      [...rootRels.values()].find((r) => r.type.endsWith(OFFICE_DOCUMENT))?.target ??
      "xl/workbook.xml";
    const workbook = part(workbookName);
    if (!workbook) throw new UnreadableWorkbook("no workbook part");
    const { firstSheetId, date1904 } = await workbookFacts(file, workbook);
    const rels = await relationships(file, part(relsNameOf(workbookName)), workbookName);
    const sheetName = firstSheetId === undefined ? undefined : rels.get(firstSheetId)?.target;
    const sheet = part(sheetName);
    if (!sheet) throw new UnreadableWorkbook("no first sheet");
    const typed = (suffix: string) =>
      part([...rels.values()].find((r) => r.type.endsWith(suffix))?.target);
    const dateStyles = await readDateStyles(file, typed(STYLES));
    const strings = await readSharedStrings(file, typed(SHARED_STRINGS));
    yield* readRows(file, sheet, { strings, dateStyles, date1904 });
  } catch (error) {
    if (error instanceof UnreadableWorkbook) throw error;
    throw new UnreadableWorkbook(error instanceof Error ? error.message : String(error));
  }
}

interface Relationship {
  type: string;
  target: string;
}

/** A part's relationships by id, targets resolved against the part's own folder. */
async function relationships(
  file: Buffer,
  entry: ZipEntry | undefined,
  from = "",
): Promise<Map<string, Relationship>> {
  const found = new Map<string, Relationship>();
  if (!entry) return found;
  const folder = from.includes("/") ? from.slice(0, from.lastIndexOf("/") + 1) : "";
  await readPart(file, entry, MAX_PART_BYTES, {
    open(tag) {
      if (localName(tag.name) !== "Relationship") return;
      const { Id: id, Type: type, Target: target } = tag.attributes;
      if (id && type && target) found.set(id, { type, target: resolve(folder, target) });
    },
  });
  return found;
}

function relsNameOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function resolve(folder: string, target: string): string {
  const path = target.startsWith("/") ? target.slice(1) : folder + target;
  const out: string[] = [];
  for (const step of path.split("/")) {
    if (step === "..") out.pop();
    else if (step !== "." && step !== "") out.push(step);
  }
  return out.join("/");
}

async function workbookFacts(file: Buffer, workbook: ZipEntry) {
  let firstSheetId: string | undefined;
  let date1904 = false;
  await readPart(file, workbook, MAX_PART_BYTES, {
    open(tag) {
      const name = localName(tag.name);
      if (name === "workbookPr") {
        const flag = tag.attributes.date1904;
        date1904 = flag === "1" || flag === "true";
      }
      if (name === "sheet" && firstSheetId === undefined) {
        firstSheetId = Object.entries(tag.attributes).find(([k]) => localName(k) === "id")?.[1];
      }
    },
  });
  return { firstSheetId, date1904 };
}

/** Number formats ECMA-376 (18.8.30) builds in as dates or times, and their Chinese forms. */
const BUILT_IN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);

/** A custom format shows a date when, outside quotes, brackets and escapes, it has y/m/d/h/s. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\\./g, "");
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** For each cell style (its index in cellXfs), whether its number format shows a date. */
async function readDateStyles(file: Buffer, entry: ZipEntry | undefined): Promise<boolean[]> {
  const styles: boolean[] = [];
  if (!entry) return styles;
  const custom = new Map<number, string>();
  let inCellXfs = false;
  await readPart(file, entry, MAX_PART_BYTES, {
    open(tag) {
      const name = localName(tag.name);
      if (name === "numFmt")
        custom.set(Number(tag.attributes.numFmtId), tag.attributes.formatCode ?? "");
      else if (name === "cellXfs") inCellXfs = true;
      else if (name === "xf" && inCellXfs) {
        const id = Number(tag.attributes.numFmtId ?? 0);
        const code = custom.get(id);
        styles.push(code === undefined ? BUILT_IN_DATES.has(id) : isDateFormat(code));
      }
    },
    close(name) {
      if (localName(name) === "cellXfs") inCellXfs = false;
    },
  });
  return styles;
}

/** The shared strings, rich runs joined and phonetic guides (rPh) left out. */
async function readSharedStrings(file: Buffer, entry: ZipEntry | undefined): Promise<string[]> {
  const strings: string[] = [];
  if (!entry) return strings;
  const text = new CellText();
  let inPhonetic = false;
  await readPart(file, entry, MAX_STRINGS_BYTES, {
    open(tag) {
      const name = localName(tag.name);
      if (name === "si") text.reset();
      else if (name === "rPh") inPhonetic = true;
      else if (name === "t" && !inPhonetic) text.start();
    },
    close(name) {
      const local = localName(name);
      if (local === "t") text.stop();
      else if (local === "rPh") inPhonetic = false;
      else if (local === "si") strings.push(text.value());
    },
    text: (t) => text.add(t),
  });
  return strings;
}

/** Text gathered from the elements that hold a cell's characters, bounded by Excel's limit. */
class CellText {
  private parts: string[] = [];
  private length = 0;
  private taking = false;
  reset() {
    this.parts = [];
    this.length = 0;
    this.taking = false;
  }
  start() {
    this.taking = true;
  }
  stop() {
    this.taking = false;
  }
  add(t: string) {
    if (!this.taking) return;
    this.length += t.length;
    if (this.length > MAX_CELL_CHARS) throw new UnreadableWorkbook("cell text too long");
    this.parts.push(t);
  }
  value(): string {
    return this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join("");
  }
}

interface SheetContext {
  strings: string[];
  dateStyles: boolean[];
  date1904: boolean;
}

/** Rows as the sheet's XML inflates, handed on after each slice of it. */
async function* readRows(file: Buffer, sheet: ZipEntry, context: SheetContext) {
  const done: SheetRow[] = [];
  let row: SheetRow | null = null;
  let lastRow = 0;
  let column = 0;
  let cell: { type: string; style: number } | null = null;
  let inPhonetic = false;
  const text = new CellText();
  const parts = parsePart(file, sheet, MAX_SHEET_BYTES, {
    open(tag) {
      const name = localName(tag.name);
      if (name === "row") {
        const number = Number(tag.attributes.r);
        lastRow = Number.isInteger(number) && number > 0 ? number : lastRow + 1;
        row = { number: lastRow, values: [null] };
        column = 0;
      } else if (name === "c" && row) {
        const ref = tag.attributes.r;
        column = ref ? columnOf(ref) : column + 1;
        cell = { type: tag.attributes.t ?? "n", style: Number(tag.attributes.s ?? 0) };
        text.reset();
      } else if (name === "rPh") inPhonetic = true;
      else if ((name === "v" || name === "t") && cell && !inPhonetic) text.start();
    },
    close(name) {
      const local = localName(name);
      if (local === "v" || local === "t") text.stop();
      else if (local === "rPh") inPhonetic = false;
      else if (local === "c" && row && cell) {
        if (column > 0 && column <= MAX_COLUMNS)
          row.values[column] = cellValue(cell, text.value(), context);
        cell = null;
      } else if (local === "row" && row) {
        for (let i = 0; i < row.values.length; i++) row.values[i] ??= null;
        done.push(row);
        row = null;
      }
    },
    text: (t) => text.add(t),
  });
  for await (const _ of parts) {
    for (const r of done.splice(0)) yield r;
  }
}

/** XFD, Excel's last column. */
const MAX_COLUMNS = 16_384;

/** "AB12" → 28; 0 for a reference that names no column. */
export function columnOf(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code >= 65 && code <= 90) n = n * 26 + (code - 64);
    else if (code >= 97 && code <= 122) n = n * 26 + (code - 96);
    else break;
    if (n > MAX_COLUMNS) return 0;
  }
  return n;
}

/** Days from Excel's day 0 to 1970-01-01, in the 1900 and 1904 date systems. */
const EPOCH_1900 = 25_569;
const EPOCH_1904 = 24_107;

function cellValue(cell: { type: string; style: number }, raw: string, c: SheetContext): CellValue {
  // A styled cell without a value: <c r="B2" t="s"/> must not read as shared string 0.
  if (raw === "" && cell.type !== "inlineStr" && cell.type !== "str") return null;
  switch (cell.type) {
    case "s":
      return c.strings[Number(raw)] ?? null;
    case "inlineStr":
    case "str":
      return raw;
    case "b":
      return raw === "1" || raw === "true";
    case "e":
      return null;
    case "d": {
      const date = new Date(raw);
      return Number.isNaN(date.getTime()) ? raw : date;
    }
    default: {
      if (raw.trim() === "") return null;
      const n = Number(raw);
      if (!Number.isFinite(n)) return raw;
      if (!c.dateStyles[cell.style]) return n;
      const days = n - (c.date1904 ? EPOCH_1904 : EPOCH_1900);
      return new Date(Math.round(days * 86_400_000));
    }
  }
}
