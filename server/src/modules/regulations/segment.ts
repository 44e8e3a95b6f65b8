import type { Jieba } from "@node-rs/jieba";

let loading: Promise<Jieba> | null = null;

/**
 * The segmenter with its dictionary, loaded on first use: it costs ~60 MB of resident memory,
 * which a server that never searches or loads a regulation (the provisions are stored already
 * segmented) should not carry from start (issue 10).
 */
function segmenter(): Promise<Jieba> {
  loading ??= Promise.all([import("@node-rs/jieba"), import("@node-rs/jieba/dict.js")]).then(
    ([{ Jieba }, { dict }]) => Jieba.withDict(dict),
  );
  return loading;
}

// Function words and question words that carry no meaning for finding a provision: a member
// asking "党员能不能在网上搞直播打赏" is asking about 党员, 网上, 直播, 打赏.
const STOPWORDS = new Set(
  "的 了 和 与 及 或 等 在 是 有 能 不能 能不能 可不可以 可不可以 会 吗 呢 吧 啊 什么 怎么 怎样 如何 哪些 为什么 是否 可以吗 搞 做 去 要 我 我们 你 他 她 它 这 那 个 把 被 对 从 向 以 为 上 中 下 里".split(
    " ",
  ),
);
const WORD = /[\p{Script=Han}A-Za-z0-9]/u;

function quote(lexeme: string): string {
  return `'${lexeme.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

/**
 * A tsvector literal for a provision: fine-grained search tokens (直播, 带货, 党员干部, 党员,
 * 干部) with positions, so phrases rank by proximity. Built here and cast in SQL, so no
 * Chinese parser is needed inside PostgreSQL.
 */
export async function toTsvector(text: string): Promise<string> {
  const jieba = await segmenter();
  const positions = new Map<string, number[]>();
  let position = 0;
  for (const token of jieba.cutForSearch(text, true)) {
    if (!WORD.test(token)) continue;
    position += 1;
    const list = positions.get(token) ?? [];
    if (list.length < 256 && position < 16_384) list.push(position);
    positions.set(token, list);
  }
  return [...positions]
    .map(([token, list]) => (list.length ? `${quote(token)}:${list.join(",")}` : quote(token)))
    .join(" ");
}

/** The meaningful words of a query, in order, without duplicates. */
export async function queryTerms(query: string): Promise<string[]> {
  const terms = (await segmenter())
    .cut(query.normalize("NFKC"), true)
    .map((t) => t.trim())
    .filter((t) => WORD.test(t) && !STOPWORDS.has(t));
  return [...new Set(terms)].slice(0, 16);
}

/** A word's characters to match one by one: each Han character, and any Latin or digit run whole. */
export function termChars(term: string): string[] {
  return [...new Set(term.match(/\p{Script=Han}|[A-Za-z0-9]+/gu) ?? [])];
}

export function orQuery(terms: string[]): string {
  return terms.map(quote).join(" | ");
}

export function termQueries(terms: string[]): string[] {
  return terms.map(quote);
}

export interface SnippetPart {
  text: string;
  hit: boolean;
}

/**
 * The provision's text cut into plain and highlighted parts. Returned as data rather than
 * HTML so no client has to trust markup from the server.
 */
export function highlight(text: string, terms: string[], maxLength = 160): SnippetPart[] {
  const sorted = [...terms].sort((a, b) => b.length - a.length);
  const marks = new Array<boolean>(text.length).fill(false);
  for (const term of sorted) {
    let from = text.indexOf(term);
    while (from >= 0) {
      marks.fill(true, from, from + term.length);
      from = text.indexOf(term, from + term.length);
    }
  }
  const first = marks.indexOf(true);
  const start = text.length > maxLength && first > 40 ? first - 40 : 0;
  const end = Math.min(text.length, start + maxLength);
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: "……", hit: false });
  for (let i = start; i < end; i++) {
    const hit = marks[i] ?? false;
    const last = parts[parts.length - 1];
    if (last && last.hit === hit && last.text !== "……") last.text += text[i];
    else parts.push({ text: text[i] ?? "", hit });
  }
  if (end < text.length) parts.push({ text: "……", hit: false });
  return parts;
}
