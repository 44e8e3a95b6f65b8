import { NUMERAL_CLASS } from "./numerals.ts";

export interface NormalizedText {
  /** The input exactly as received, kept for provenance. */
  raw: string;
  /** Same number of lines as `raw`, so a line number names the same line in both. */
  text: string;
}

const CJK =
  "\\p{Script=Han}\\u3001-\\u303F\\uFF01-\\uFF0F\\uFF1A-\\uFF20\\uFF3B-\\uFF40\\uFF5B-\\uFF65\\u2018\\u2019\\u201C\\u201D\\u2026\\u2014";
const CJK_CHAR = new RegExp(`[${CJK}]`, "u");
const HAN = /\p{Script=Han}/u;
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}]) +(?=[${CJK}])`, "gu");
const ODD_SPACES = /[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: stray control characters are what this removes
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200D\u2060\uFEFF]/g;
const LABEL_WITH_SEPARATOR = new RegExp(
  `^((?:#+ *)?[第笫]${NUMERAL_CLASS}+ *(?:分编|编|章|节|条)(?:之${NUMERAL_CLASS}+)?) +(?=\\S)`,
  "u",
);
const ASCII_PUNCTUATION = /[,:;!?()"]/;
const FULL_WIDTH: Record<string, string> = {
  ",": "，",
  ":": "：",
  ";": "；",
  "!": "！",
  "?": "？",
  "(": "（",
  ")": "）",
};

/** Splits on every line-break convention; parse() uses the same split so line numbers agree. */
export function splitLines(text: string): string[] {
  return text.includes("\r") ? text.split(/\r\n|\r|\n/) : text.split("\n");
}

/**
 * Cleans text as received from web pages and word processors: ASCII punctuation typed inside
 * Chinese text becomes full-width, straight quotes become “…” pairs, and spaces that crept in
 * between Chinese characters ("推动形 成") disappear. Latin text and digits keep their spacing.
 */
export function normalize(raw: string): NormalizedText {
  const text = splitLines(raw.replace(/^\uFEFF/, ""))
    .map(normalizeLine)
    .join("\n");
  return { raw, text };
}

function normalizeLine(line: string): string {
  const spaced = line.replace(INVISIBLE, "").replace(ODD_SPACES, " ").replace(/ {2,}/g, " ").trim();
  if (spaced === "") return "";
  // Most lines of a clean text have nothing to convert; skipping them keeps parse() fast.
  if (!ASCII_PUNCTUATION.test(spaced))
    return spaced.includes(" ") ? removeStraySpaces(spaced) : spaced;
  const chars = Array.from(spaced);
  // A conversion can make its neighbour Chinese context ("(:党员"), so repeat until stable;
  // that also makes normalize idempotent.
  for (let before = ""; before !== chars.join(""); ) {
    before = chars.join("");
    convertParentheses(chars);
    convertQuotes(chars);
    convertPunctuation(chars);
  }
  return removeStraySpaces(chars.join(""));
}

function removeStraySpaces(line: string): string {
  // The space after a heading label ("第一章 总则", "第一条 为了") is a separator, not a stray.
  const label = LABEL_WITH_SEPARATOR.exec(line);
  if (label?.[1] === undefined) return line.replace(SPACE_BETWEEN_CJK, "");
  const head = label[1].replace(SPACE_BETWEEN_CJK, "");
  return `${head} ${line.slice(label[0].length).replace(SPACE_BETWEEN_CJK, "")}`;
}

function neighbour(chars: string[], from: number, step: 1 | -1): string | undefined {
  for (let i = from + step; i >= 0 && i < chars.length; i += step) {
    if (chars[i] !== " ") return chars[i];
  }
  return undefined;
}

function isCjk(c: string | undefined): boolean {
  return c !== undefined && CJK_CHAR.test(c);
}

function touchesCjk(chars: string[], i: number): boolean {
  return isCjk(neighbour(chars, i, -1)) || isCjk(neighbour(chars, i, 1));
}

function convertPunctuation(chars: string[]): void {
  chars.forEach((c, i) => {
    const wide = FULL_WIDTH[c];
    if (wide !== undefined && touchesCjk(chars, i)) chars[i] = wide;
  });
}

function convertParentheses(chars: string[]): void {
  const open: number[] = [];
  chars.forEach((c, i) => {
    if (c === "(") open.push(i);
    if (c !== ")") return;
    const start = open.pop();
    if (start === undefined) return;
    const inner = chars.slice(start + 1, i).join("");
    if (HAN.test(inner) || isCjk(neighbour(chars, start, -1)) || isCjk(neighbour(chars, i, 1))) {
      chars[start] = "（";
      chars[i] = "）";
    }
  });
}

function convertQuotes(chars: string[]): void {
  const quotes = chars.flatMap((c, i) => (c === '"' ? [i] : []));
  for (let k = 0; k + 1 < quotes.length; k += 2) {
    const start = quotes[k] as number;
    const end = quotes[k + 1] as number;
    const inner = chars.slice(start + 1, end).join("");
    if (HAN.test(inner) || touchesCjk(chars, start) || touchesCjk(chars, end)) {
      chars[start] = "“";
      chars[end] = "”";
    }
  }
  const last = quotes.length % 2 === 1 ? quotes[quotes.length - 1] : undefined;
  if (last === undefined) return;
  // A lone quote usually opens a quoted paragraph that closes on a later line.
  if (isCjk(neighbour(chars, last, 1))) chars[last] = "“";
  else if (isCjk(neighbour(chars, last, -1))) chars[last] = "”";
}
