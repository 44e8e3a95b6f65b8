import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";

/**
 * The customary look of 党内 working documents: a centred title in 方正小标宋 (SimSun when
 * absent), body in 仿宋 三号 with a two-character first-line indent, 一、二、 section heads
 * in 黑体, signature and date lines at the right.
 */
const BODY_FONT = { ascii: "FangSong", eastAsia: "仿宋_GB2312", hAnsi: "FangSong" };
const TITLE_FONT = { ascii: "SimSun", eastAsia: "方正小标宋简体", hAnsi: "SimSun" };
const HEAD_FONT = { ascii: "SimHei", eastAsia: "黑体", hAnsi: "SimHei" };
const BODY_SIZE = 32; // 三号, in half-points
const INDENT = 640; // two characters of 三号, in twips

export const NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** The title; a line break in `text` is where a long title turns, at a whole word. */
export function title(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    heading: HeadingLevel.TITLE,
    spacing: { after: 240 },
    children: text
      .split("\n")
      .map(
        (line, i) =>
          new TextRun({ text: line, font: TITLE_FONT, size: 44, ...(i > 0 ? { break: 1 } : {}) }),
      ),
  });
}

export function subtitle(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 240 },
    children: [new TextRun({ text, font: BODY_FONT, size: BODY_SIZE })],
  });
}

export function section(n: number, text: string): Paragraph {
  return new Paragraph({
    heading: HeadingLevel.HEADING_1,
    keepNext: true,
    indent: { firstLine: INDENT },
    children: [
      new TextRun({ text: `${NUMERALS[n - 1] ?? n}、${text}`, font: HEAD_FONT, size: BODY_SIZE }),
    ],
  });
}

/** Body text; each line of the source becomes its own indented paragraph. */
export function body(text: string): Paragraph[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  return (lines.length ? lines : ["无。"]).map(
    (line) =>
      new Paragraph({
        indent: { firstLine: INDENT },
        spacing: { line: 560 },
        children: [new TextRun({ text: line.trim(), font: BODY_FONT, size: BODY_SIZE })],
      }),
  );
}

const TABLE_SIZE = 28; // 四号: a table of names and figures in 三号 would not fit the width
const LINE = { style: BorderStyle.SINGLE, size: 4, color: "000000" };

/**
 * A bordered table in 仿宋 四号, its header row in 黑体 and repeated on every page; `widths` are
 * the columns' shares of the text width, which together should make 100.
 */
export function table(headers: string[], rows: (string | number)[][], widths: number[]): Table {
  const cell = (text: string | number, i: number, head: boolean) =>
    new TableCell({
      width: { size: widths[i] ?? 10, type: WidthType.PERCENTAGE },
      verticalAlign: VerticalAlign.CENTER,
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new TextRun({
              text: String(text),
              font: head ? HEAD_FONT : BODY_FONT,
              size: TABLE_SIZE,
            }),
          ],
        }),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: {
      top: LINE,
      bottom: LINE,
      left: LINE,
      right: LINE,
      insideHorizontal: LINE,
      insideVertical: LINE,
    },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, i, true)) }),
      ...rows.map(
        (row) => new TableRow({ cantSplit: true, children: row.map((v, i) => cell(v, i, false)) }),
      ),
    ],
  });
}

/**
 * Signature and date lines at the right. Each keeps with the next, so a page break never
 * leaves a signature line alone at the top of a page.
 */
export function signature(lines: string[]): Paragraph[] {
  return [
    new Paragraph({ keepNext: true, children: [] }),
    ...lines.map(
      (text, n) =>
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          keepNext: n < lines.length - 1,
          keepLines: true,
          spacing: { line: 560 },
          children: [new TextRun({ text, font: BODY_FONT, size: BODY_SIZE })],
        }),
    ),
  ];
}

/** "2025年3月1日" from "2025-03-01". */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * Word's built-in Title and Heading 1 styles are blue and in a theme font; a 公文 has black
 * headings, so both styles are redefined in black (the runs carry their own fonts).
 */
const BLACK_HEADINGS = {
  default: {
    title: { run: { color: "000000" } },
    heading1: {
      run: { color: "000000", bold: false },
      paragraph: { spacing: { before: 0, after: 0 } },
    },
  },
};

export function render(children: (Paragraph | Table)[], meta: { title: string; creator: string }) {
  const doc = new Document({
    creator: meta.creator,
    title: meta.title,
    styles: BLACK_HEADINGS,
    sections: [
      {
        // A4 with the 公文 margins (37 mm top, 28 mm left), in twips.
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
