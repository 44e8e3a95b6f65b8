import { TreeBuilder } from "./builder.ts";
import { RegulationParseError } from "./errors.ts";
import { type Header, historyEntry, parseMarkdownHeader, parsePlainTitle } from "./header.ts";
import {
  articleLabel,
  divisionHeading,
  follows,
  type GluedLabel,
  gluedLabels,
  isAnnexHeading,
  isComment,
  isPreambleHeading,
  isSupplementaryHeading,
  sourceNote,
  stripLine,
} from "./lines.ts";
import { normalize, splitLines } from "./normalize.ts";
import { NUMERAL_CLASS } from "./numerals.ts";
import type { Annex, RegulationDocument } from "./types.ts";

export interface ParseOptions {
  /** Throw a RegulationParseError for the first warning instead of returning it. */
  strict?: boolean;
}

const INFO_END = "<!-- INFO END -->";
const SPACED_LABEL = new RegExp(`^(?:#+|>+)?\\s*[第笫]${NUMERAL_CLASS}+\\s+条`, "u");
// Control characters other than tab and line breaks, and U+FFFD from a failed decode.
// biome-ignore lint/suspicious/noControlCharactersInRegex: counting control characters is the point
const BINARY = /[\u0001-\u0008\u000E-\u001F\u007F\uFFFD]/g;

/**
 * Parses a regulation (plain text or the corpus Markdown layout) into its 编/分编/章/节/条/款/项/目
 * tree. Problems in the text are reported as warnings that name the line; input that is not a
 * regulation at all (empty, binary) throws RegulationParseError.
 */
export function parse(input: string, options: ParseOptions = {}): RegulationDocument {
  checkInput(input);
  const { text } = normalize(input);
  if (text.trim() === "") throw new RegulationParseError("empty_input", "the input has no text");
  const lines = splitLines(text);
  const rawLines = splitLines(input.replace(/^\uFEFF/, ""));
  const infoEnd = lines.findIndex((l) => l.trim() === INFO_END);
  const { header, start } =
    infoEnd >= 0
      ? { header: parseMarkdownHeader(lines.slice(0, infoEnd)), start: infoEnd + 1 }
      : plainHeader(lines);

  const builder = new TreeBuilder();
  const preamble: string[] = [];
  const annexes: Annex[] = [];
  let source: string | null = null;
  let annex: Annex | null = null;

  for (let i = start; i < lines.length; i++) {
    const lineNo = i + 1;
    const stripped = stripLine((lines[i] ?? "").trim());
    const content = stripped.text.trim();
    if (content === "" || isComment(content)) continue;
    const division = divisionHeading(stripped);
    if (division !== null || isSupplementaryHeading(content)) {
      annex = null;
      if (division === null) builder.openSupplementary(lineNo);
      else builder.openDivision(division, lineNo);
      continue;
    }
    if (isAnnexHeading(stripped)) {
      builder.closeArticle();
      annex = { heading: content, eId: `hcontainer_annex_${annexes.length + 1}`, lines: [] };
      annexes.push(annex);
      continue;
    }
    if (isPreambleHeading(content) && builder.articleCount === 0) continue;
    const note = sourceNote(content);
    if (note !== null) source = note.source;
    const body = note === null ? content : note.before.trim();
    if (body === "") continue;
    if (annex !== null) {
      annex.lines.push(body);
      continue;
    }
    const label = articleLabel(body);
    if (
      label !== null &&
      (label.separated || builder.lastNumber === null || follows(builder.lastNumber, label.number))
    ) {
      const spaced = SPACED_LABEL.test(rawLines[i] ?? "");
      builder.openArticle(label.number, lineNo, { typo: label.typo, spaced });
      builder.addText(body.slice(label.length).trim(), lineNo);
      continue;
    }
    if (builder.inArticle) {
      builder.addText(body, lineNo);
      continue;
    }
    const first = builder.articleCount === 0 ? firstGluedArticle(body) : undefined;
    if (first !== undefined) {
      preamble.push(body.slice(0, first.index).trim());
      builder.openArticle(first.number, lineNo, { typo: first.typo, spaced: false });
      builder.addText(body.slice(first.index + first.length).trim(), lineNo);
      continue;
    }
    if (builder.extendHeading(body)) continue;
    if (builder.hasDivision || builder.articleCount > 0) {
      builder.warn(lineNo, "orphan_text", `text outside any article: ${body.slice(0, 40)}`);
    }
    preamble.push(body);
  }

  if (builder.articleCount === 0) {
    builder.warn(start + 1, "no_articles", "no article heading (第X条) was found");
  }
  const firstWarning = builder.warnings[0];
  if (options.strict && firstWarning !== undefined) {
    const code = firstWarning.code === "no_articles" ? "no_articles" : "strict_warning";
    throw new RegulationParseError(code, firstWarning.message, firstWarning.line);
  }
  return {
    ...header,
    source,
    preamble,
    body: builder.body,
    annexes,
    warnings: builder.warnings,
    raw: input,
  };
}

function checkInput(input: string): void {
  if (input.trim() === "") throw new RegulationParseError("empty_input", "the input is empty");
  const nul = input.indexOf("\u0000");
  if (nul >= 0) {
    throw new RegulationParseError("binary_input", "NUL byte: not a text file", lineAt(input, nul));
  }
  const odd = [...input.matchAll(BINARY)];
  if (odd.length > Math.max(8, input.length / 100)) {
    const at = odd[0]?.index ?? 0;
    throw new RegulationParseError(
      "binary_input",
      "too many control characters",
      lineAt(input, at),
    );
  }
}

function lineAt(text: string, index: number): number {
  return splitLines(text.slice(0, index)).length;
}

/** A 第一条 glued onto text before any article, as when a whole text arrives on one line. */
function firstGluedArticle(text: string): GluedLabel | undefined {
  return gluedLabels(text).find((g) => follows(null, g.number));
}

function plainHeader(lines: string[]): { header: Header; start: number } {
  const first = lines.findIndex((l) => l.trim() !== "");
  const line = (lines[first] ?? "").trim();
  const titled = parsePlainTitle(line);
  if (titled !== null) return { header: titled, start: first + 1 };
  const stripped = stripLine(line);
  const structural =
    divisionHeading(stripped) !== null ||
    articleLabel(stripped.text) !== null ||
    isPreambleHeading(stripped.text) ||
    isSupplementaryHeading(stripped.text);
  if (structural || line.length > 60 || /[。；]/.test(line)) {
    return { header: { title: "", issuer: null, issuedOn: null, history: [] }, start: first };
  }
  // A bare title line, maybe followed by a dated line such as （2024年1月14日…发布）.
  const next = (lines[first + 1] ?? "").trim();
  const dated = /^[（(].*[)）]$/.test(next) ? historyEntry(next) : null;
  const fromNote = dated === null ? null : parsePlainTitle(`《${stripped.text}》${next}`);
  if (fromNote !== null) return { header: fromNote, start: first + 2 };
  return {
    header: {
      title: stripped.text.replace(/^《|》$/g, ""),
      issuer: null,
      issuedOn: null,
      history: [],
    },
    start: first + 1,
  };
}
