import type { Article, BodyNode, RegulationDocument } from "@wanggui/regulation";
import { AlignmentType, Document, Footer, Packer, PageNumber, Paragraph, TextRun } from "docx";
import { chineseDate, subtitle, title } from "../review/docx-format.ts";

/**
 * A regulation as a 党内法规 text is printed for study: the title in 小标宋, the issuer and date
 * under it, chapter headings centred in 黑体, each article's 第X条 in 黑体 followed by its text
 * in 仿宋 三号, items on their own indented lines, page numbers at the foot.
 */
const BODY_FONT = { ascii: "FangSong", eastAsia: "仿宋_GB2312", hAnsi: "FangSong" };
const HEAD_FONT = { ascii: "SimHei", eastAsia: "黑体", hAnsi: "SimHei" };
const SIZE = 32;
const INDENT = 640;
const LINE = 560;

const text = (value: string, font = BODY_FONT) => new TextRun({ text: value, font, size: SIZE });

function paragraph(children: TextRun[]): Paragraph {
  return new Paragraph({ indent: { firstLine: INDENT }, spacing: { line: LINE }, children });
}

function article(a: Article): Paragraph[] {
  return a.paragraphs.flatMap((p, i) => [
    // The label opens the first paragraph, set off by a full-width space as in print.
    paragraph(i === 0 ? [text(`${a.label}　`, HEAD_FONT), text(p.text)] : [text(p.text)]),
    ...p.items.flatMap((item) => [
      paragraph([text(`${item.num}${item.text}`)]),
      ...item.subitems.map((s) => paragraph([text(`${s.num}${s.text}`)])),
    ]),
  ]);
}

function nodes(list: BodyNode[]): Paragraph[] {
  return list.flatMap((n) =>
    n.type === "article"
      ? article(n)
      : [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            keepNext: true,
            spacing: { before: 240, after: 120, line: LINE },
            children: [text([n.label, n.heading].filter((s) => s !== "").join("　"), HEAD_FONT)],
          }),
          ...nodes(n.children),
        ],
  );
}

export async function regulationDocx(doc: RegulationDocument, versionNo: number): Promise<Buffer> {
  const meta = [doc.issuer, doc.issuedOn ? chineseDate(doc.issuedOn) : null]
    .filter((v) => v !== null)
    .join("　");
  const children = [
    title(doc.title),
    ...(meta
      ? [subtitle(`（${meta}，第 ${versionNo} 版）`)]
      : [subtitle(`（第 ${versionNo} 版）`)]),
    ...doc.preamble.map((p) => paragraph([text(p)])),
    ...nodes(doc.body),
    ...doc.annexes.flatMap((annex) => [
      new Paragraph({ keepNext: true, children: [text(annex.heading, HEAD_FONT)] }),
      ...annex.lines.map((l) => paragraph([text(l)])),
    ]),
  ];
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"], size: 28 })],
      }),
    ],
  });
  const file = new Document({
    creator: "网规",
    title: doc.title,
    sections: [
      {
        // A4 with the margins customary for 党政机关公文 (GB/T 9704): 37 / 35 / 28 / 26 mm.
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 },
          },
        },
        footers: { default: footer },
        children,
      },
    ],
  });
  return Packer.toBuffer(file);
}
