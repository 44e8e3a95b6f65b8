import type { ParseWarning } from "./errors.ts";

/** 第十一条 → { n: 11 }; 第一百三十三条之一 → { n: 133, sub: 1 }. */
export interface ArticleNumber {
  n: number;
  sub?: number;
}

export interface Subitem {
  /** The marker as written, e.g. "1．". */
  num: string;
  text: string;
  eId: string;
}

export interface Item {
  /** The marker as written, e.g. "（一）". */
  num: string;
  text: string;
  eId: string;
  subitems: Subitem[];
}

export interface Paragraph {
  /** The paragraph's own text: the lead-in when it has items. */
  text: string;
  eId: string;
  items: Item[];
}

export interface Article {
  type: "article";
  number: ArticleNumber;
  /** The heading label as it should read, e.g. 第十一条 or 第一百三十三条之一. */
  label: string;
  eId: string;
  /** 1-based line of the raw input where the article starts. */
  line: number;
  paragraphs: Paragraph[];
}

export type DivisionLevel = "part" | "subpart" | "chapter" | "section" | "supplementary";

export interface Division {
  type: "division";
  /** 编 part, 分编 subpart, 章 chapter, 节 section; a bare 附则 heading is "supplementary". */
  level: DivisionLevel;
  /** null only for a bare 附则 heading, which has no number. */
  number: number | null;
  /** e.g. 第三章 */
  label: string;
  heading: string;
  /** True for 附则 (supplementary provisions), whether a numbered chapter or a bare heading. */
  supplementary: boolean;
  eId: string;
  line: number;
  children: BodyNode[];
}

export type BodyNode = Division | Article;

export interface HistoryEntry {
  /** ISO date (YYYY-MM-DD). */
  date: string;
  note: string;
}

export interface Annex {
  heading: string;
  eId: string;
  lines: string[];
}

export interface RegulationDocument {
  title: string;
  issuer: string | null;
  /** ISO date of the text's adoption or latest amendment, when the input states it. */
  issuedOn: string | null;
  /** Dated lines of the header (adopted, amended, published, in force). */
  history: HistoryEntry[];
  /** Trailing "（来源：…）" line: metadata, not article text. */
  source: string | null;
  /** 序言, or unheaded text before the first heading or article. */
  preamble: string[];
  body: BodyNode[];
  annexes: Annex[];
  warnings: ParseWarning[];
  /** The input as received; every other string here is normalized. */
  raw: string;
}
