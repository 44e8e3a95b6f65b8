import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";

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

export function title(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    heading: HeadingLevel.TITLE,
    spacing: { after: 240 },
    children: [new TextRun({ text, font: TITLE_FONT, size: 44 })],
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

export function signature(lines: string[]): Paragraph[] {
  return [
    new Paragraph({ children: [] }),
    ...lines.map(
      (text) =>
        new Paragraph({
          alignment: AlignmentType.RIGHT,
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

export function render(children: Paragraph[], meta: { title: string; creator: string }) {
  const doc = new Document({
    creator: meta.creator,
    title: meta.title,
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

export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
