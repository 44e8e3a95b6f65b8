import { NUMERAL_CLASS, parseNumeral } from "./numerals.ts";
import type { ArticleNumber, DivisionLevel } from "./types.ts";

const N = `${NUMERAL_CLASS}+`;

/** A line with its Markdown/quote prefix removed, and whether it was a Markdown heading. */
export interface StrippedLine {
  text: string;
  markdownHeading: boolean;
}

export interface ArticleLabel {
  number: ArticleNumber;
  /** The label was followed by a space (or nothing): the ordinary heading layout. */
  separated: boolean;
  typo: boolean;
  /** Length of the label in the stripped line; the article text follows it. */
  length: number;
}

export interface DivisionHeading {
  level: DivisionLevel;
  number: number;
  heading: string;
  typo: boolean;
}

const ARTICLE = new RegExp(`^([第笫])(${N}) ?条(?:之(${N}))?( |$)?`, "u");
const DIVISION = new RegExp(`^([第笫])(${N})(分编|编|章|节) ?(.*)$`, "u");
const GLUED = new RegExp(`[。；;：:] ?([第笫])(${N})条(?:之(${N}))?`, "gu");
const ITEM = new RegExp(`^[（(](${N})[)）] ?`, "u");
const SUBITEM = /^([0-9０-９]{1,3})[.．、](?![0-9０-９]) ?/u;
const SOURCE = /[（(]来源[：:](.+?)[)）]$/u;
const LEVELS: Record<string, DivisionLevel> = {
  编: "part",
  分编: "subpart",
  章: "chapter",
  节: "section",
};

export function stripLine(line: string): StrippedLine {
  const m = /^(#+|>+)\s*/.exec(line);
  return {
    text: m === null ? line : line.slice(m[0].length),
    markdownHeading: m?.[1]?.[0] === "#",
  };
}

export function articleLabel(text: string): ArticleLabel | null {
  const m = ARTICLE.exec(text);
  if (m === null) return null;
  const number = articleNumber(m[2], m[3]);
  if (number === null) return null;
  return { number, separated: m[4] !== undefined, typo: m[1] === "笫", length: m[0].length };
}

export function divisionHeading(line: StrippedLine): DivisionHeading | null {
  const m = DIVISION.exec(line.text);
  const level = LEVELS[m?.[3] ?? ""];
  const number = parseNumeral(m?.[2] ?? "");
  if (m === null || level === undefined || number === null) return null;
  const heading = (m[4] ?? "").trim();
  // Without a Markdown marker only a short, sentence-free line is a heading; a body line that
  // starts with 第二节 and goes on to a sentence is text.
  if (!line.markdownHeading && (heading.length > 30 || /[。；，]/.test(heading))) return null;
  return { level, number, heading, typo: m[1] === "笫" };
}

/** Bare headings are a few characters; checking the length first spares long body lines. */
function compact(text: string): string {
  return text.length > 12 ? text : text.replace(/\s/g, "");
}

export function isSupplementaryHeading(text: string): boolean {
  return compact(text) === "附则";
}

export function isAnnexHeading(line: StrippedLine): boolean {
  return /^附件[一二三四五六七八九十0-9]*$/.test(compact(line.text));
}

export function isPreambleHeading(text: string): boolean {
  return compact(text) === "序言";
}

export function isComment(text: string): boolean {
  return /^<!--.*-->$/.test(text);
}

/** "（来源：中共中央办公厅）" at the end of a line, with the text before it. */
export function sourceNote(text: string): { before: string; source: string } | null {
  const m = SOURCE.exec(text);
  if (m?.[1] === undefined) return null;
  return { before: text.slice(0, m.index), source: m[1].trim() };
}

export function itemMarker(text: string): { num: string; text: string } | null {
  const m = ITEM.exec(text);
  if (m === null || parseNumeral(m[1] ?? "") === null) return null;
  return { num: m[0].trim(), text: text.slice(m[0].length) };
}

export function subitemMarker(text: string): { num: string; text: string } | null {
  const m = SUBITEM.exec(text);
  if (m === null) return null;
  return { num: m[0].trim(), text: text.slice(m[0].length) };
}

export interface GluedLabel {
  /** Offset where the new article's label starts (after the 。 that ends the previous one). */
  index: number;
  number: ArticleNumber;
  typo: boolean;
  length: number;
}

/** Every 第X条 that sits right after 。；： in running text, in order. */
export function gluedLabels(text: string): GluedLabel[] {
  const found: GluedLabel[] = [];
  for (const m of text.matchAll(GLUED)) {
    const number = articleNumber(m[2], m[3]);
    if (number === null) continue;
    const offset = m[0].indexOf(m[1] ?? "第");
    found.push({
      index: m.index + offset,
      number,
      typo: m[1] === "笫",
      length: m[0].length - offset,
    });
  }
  return found;
}

function articleNumber(main: string | undefined, sub: string | undefined): ArticleNumber | null {
  const n = parseNumeral(main ?? "");
  if (n === null || n === 0) return null;
  if (sub === undefined) return { n };
  const s = parseNumeral(sub);
  return s === null || s === 0 ? null : { n, sub: s };
}

/** True when `next` is the article that should follow `prev` (11 after 10, 17之一 after 17). */
export function follows(prev: ArticleNumber | null, next: ArticleNumber): boolean {
  if (prev === null) return next.n === 1 && next.sub === undefined;
  if (next.sub === undefined) return next.n === prev.n + 1;
  return next.n === prev.n && next.sub === (prev.sub ?? 0) + 1;
}

export function compareNumbers(a: ArticleNumber, b: ArticleNumber): number {
  return a.n - b.n || (a.sub ?? 0) - (b.sub ?? 0);
}
