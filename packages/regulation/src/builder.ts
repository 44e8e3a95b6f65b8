import type { ParseWarning, WarningCode } from "./errors.ts";
import {
  compareNumbers,
  type DivisionHeading,
  follows,
  gluedLabels,
  itemMarker,
  subitemMarker,
} from "./lines.ts";
import { toChineseNumeral } from "./numerals.ts";
import type {
  Article,
  ArticleNumber,
  BodyNode,
  Division,
  DivisionLevel,
  Item,
  Paragraph,
} from "./types.ts";

const RANK: Record<DivisionLevel, number> = {
  supplementary: 0,
  part: 0,
  subpart: 1,
  chapter: 2,
  section: 3,
};
const EID_PREFIX: Record<DivisionLevel, string> = {
  supplementary: "hcontainer",
  part: "part",
  subpart: "subpart",
  chapter: "chp",
  section: "sec",
};
const LEVEL_CHAR: Record<DivisionLevel, string> = {
  supplementary: "",
  part: "编",
  subpart: "分编",
  chapter: "章",
  section: "节",
};

export interface LabelFlags {
  typo: boolean;
  spaced: boolean;
}

export function articleLabelText(number: ArticleNumber): string {
  const sub = number.sub === undefined ? "" : `之${toChineseNumeral(number.sub)}`;
  return `第${toChineseNumeral(number.n)}条${sub}`;
}

/** Builds the division/article tree line by line and gives every node a unique eId. */
export class TreeBuilder {
  readonly body: BodyNode[] = [];
  readonly warnings: ParseWarning[] = [];
  articleCount = 0;
  lastNumber: ArticleNumber | null = null;
  private readonly stack: Division[] = [];
  private readonly usedIds = new Set<string>();
  private article: Article | null = null;
  private paragraph: Paragraph | null = null;
  private item: Item | null = null;
  private supplementaryCount = 0;

  get inArticle(): boolean {
    return this.article !== null;
  }

  get hasDivision(): boolean {
    return this.stack.length > 0;
  }

  warn(line: number, code: WarningCode, message: string): void {
    this.warnings.push({ line, code, message });
  }

  openDivision(heading: DivisionHeading, line: number): void {
    const { level, number } = heading;
    if (heading.typo) this.warn(line, "heading_typo", `heading written with 笫 instead of 第`);
    const label = `第${toChineseNumeral(number)}${LEVEL_CHAR[level]}`;
    this.pushDivision(level, number, label, heading.heading, line);
  }

  openSupplementary(line: number): void {
    this.supplementaryCount += 1;
    this.pushDivision("supplementary", null, "", "附则", line);
  }

  /**
   * Continues a heading that wraps onto a second line (第四章 犯罪嫌疑人、被告人逃匿、死亡案件 /
   * 违法所得的没收程序): a short, sentence-free line right after a heading, before any article.
   */
  extendHeading(text: string): boolean {
    const division = this.stack.at(-1);
    if (division === undefined || division.children.length > 0 || this.article !== null)
      return false;
    if (text.length > 30 || /[。；，：]/.test(text)) return false;
    division.heading = division.heading === "" ? text : `${division.heading} ${text}`;
    return true;
  }

  closeArticle(): void {
    this.article = null;
    this.paragraph = null;
    this.item = null;
  }

  openArticle(number: ArticleNumber, line: number, flags: LabelFlags): void {
    const label = articleLabelText(number);
    if (flags.typo) this.warn(line, "heading_typo", `${label} is written with 笫 instead of 第`);
    if (flags.spaced) this.warn(line, "spaced_heading", `${label} has a space inside its label`);
    const prev = this.lastNumber;
    if (prev !== null && !follows(prev, number)) {
      const back = compareNumbers(number, prev) <= 0;
      this.warn(
        line,
        back ? "numbering_repeat" : "numbering_gap",
        `${label} follows ${articleLabelText(prev)}`,
      );
    }
    const parent = this.stack.at(-1);
    const local = `art_${number.n}${number.sub === undefined ? "" : `_${number.sub}`}`;
    const article: Article = {
      type: "article",
      number,
      label,
      eId: this.uniqueId(parent === undefined ? local : `${parent.eId}__${local}`),
      line,
      paragraphs: [],
    };
    (parent?.children ?? this.body).push(article);
    this.article = article;
    this.paragraph = null;
    this.item = null;
    this.lastNumber = number;
    this.articleCount += 1;
  }

  /**
   * Adds a line of article text. Articles glued onto it ("…活动。第十一条党员不得…") are split
   * off only when their number is the next one, so references like 本规定第十条 stay text.
   */
  addText(text: string, line: number): void {
    let running = this.lastNumber;
    let cut = 0;
    const pieces: { start: number; length: number; number: ArticleNumber | null; typo: boolean }[] =
      [{ start: 0, length: 0, number: null, typo: false }];
    for (const glued of gluedLabels(text)) {
      if (glued.index < cut || !follows(running, glued.number)) continue;
      pieces.push({
        start: glued.index,
        length: glued.length,
        number: glued.number,
        typo: glued.typo,
      });
      cut = glued.index + glued.length;
      running = glued.number;
    }
    pieces.forEach((piece, k) => {
      const end = pieces[k + 1]?.start ?? text.length;
      if (piece.number !== null) {
        this.openArticle(piece.number, line, { typo: piece.typo, spaced: false });
      }
      this.addLine(text.slice(piece.start + piece.length, end).trim());
    });
  }

  private addLine(text: string): void {
    const article = this.article;
    if (text === "" || article === null) return;
    const item = itemMarker(text);
    const sub = item === null ? subitemMarker(text) : null;
    if (sub !== null && this.item !== null) {
      const eId = `${this.item.eId}__point_${this.item.subitems.length + 1}`;
      this.item.subitems.push({ num: sub.num, text: sub.text, eId });
      return;
    }
    const marker = item ?? sub;
    if (marker !== null) {
      const paragraph = this.paragraph ?? this.newParagraph(article, "");
      const eId = `${paragraph.eId}__point_${paragraph.items.length + 1}`;
      this.item = { num: marker.num, text: marker.text, eId, subitems: [] };
      paragraph.items.push(this.item);
      return;
    }
    this.paragraph = this.newParagraph(article, text);
    this.item = null;
  }

  private newParagraph(article: Article, text: string): Paragraph {
    const paragraph = {
      text,
      eId: `${article.eId}__para_${article.paragraphs.length + 1}`,
      items: [],
    };
    article.paragraphs.push(paragraph);
    return paragraph;
  }

  private pushDivision(
    level: DivisionLevel,
    number: number | null,
    label: string,
    heading: string,
    line: number,
  ): void {
    this.closeArticle();
    for (
      let top = this.stack.at(-1);
      top && RANK[top.level] >= RANK[level];
      top = this.stack.at(-1)
    ) {
      this.stack.pop();
    }
    const parent = this.stack.at(-1);
    const local = `${EID_PREFIX[level]}_${number ?? this.supplementaryCount}`;
    const division: Division = {
      type: "division",
      level,
      number,
      label,
      heading,
      supplementary: level === "supplementary" || heading.replace(/\s/g, "").includes("附则"),
      eId: this.uniqueId(parent === undefined ? local : `${parent.eId}__${local}`),
      line,
      children: [],
    };
    (parent?.children ?? this.body).push(division);
    this.stack.push(division);
  }

  private uniqueId(eId: string): string {
    let id = eId;
    for (let k = 2; this.usedIds.has(id); k++) id = `${eId}-${k}`;
    this.usedIds.add(id);
    return id;
  }
}
