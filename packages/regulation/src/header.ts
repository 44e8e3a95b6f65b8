import type { HistoryEntry } from "./types.ts";

export interface Header {
  title: string;
  issuer: string | null;
  issuedOn: string | null;
  history: HistoryEntry[];
}

const DATE = /(\d{4})年(\d{1,2})月(\d{1,2})日/;
// 《中国共产党党员网络行为规定》（2024年1月14日中共中央办公厅发布）
const TITLE_WITH_NOTE = /^《(.+)》\s*(?:[（(](.*)[)）])?$/;
// The issuing body ends where its session, its order number or the verb begins.
const ISSUER_ENDS = [
  /^(.+?)第[^次]{1,8}次(?:全体|常务)?会议/,
  /^(.+?)令第/,
  /^(.+?)(?:公告)?(?:通过|发布|印发|公布|颁布|修订|修正|批准)/,
];

/** The dated line's date as ISO, or null when there is none or it is not a real day. */
export function isoDate(text: string): string | null {
  const m = DATE.exec(text);
  if (m === null) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    return null;
  }
  return d.toISOString().slice(0, 10);
}

/** Header of the corpus Markdown files: `# ` title lines, then dated history lines. */
export function parseMarkdownHeader(lines: string[]): Header {
  const titles: string[] = [];
  const history: HistoryEntry[] = [];
  for (const line of lines) {
    const heading = /^#\s+(.+)$/.exec(line);
    if (heading?.[1] !== undefined) {
      titles.push(heading[1].trim());
      continue;
    }
    const entry = historyEntry(line);
    if (entry !== null) history.push(entry);
  }
  return { title: titles.join(" / "), ...datesAndIssuer(history) };
}

/** Header of a plain text: a first line such as 《…》（2024年1月14日中共中央办公厅发布）. */
export function parsePlainTitle(line: string): Header | null {
  const m = TITLE_WITH_NOTE.exec(line.trim());
  if (m?.[1] === undefined) return null;
  const entry = m[2] === undefined ? null : historyEntry(m[2]);
  return { title: m[1], ...datesAndIssuer(entry === null ? [] : [entry]) };
}

export function historyEntry(line: string): HistoryEntry | null {
  const date = isoDate(line);
  if (date === null) return null;
  const note = line
    .replace(DATE, "")
    .replace(/^[\s（(]+|[\s)）]+$/g, "")
    .trim();
  return { date, note };
}

function datesAndIssuer(history: HistoryEntry[]): Omit<Header, "title"> {
  // The text in hand is the one of the latest adoption or amendment; a bare 施行 line only
  // says when it took effect.
  const issuing = history.filter((h) => !/^自?起?(施行|生效)/.test(h.note));
  const pool = issuing.length > 0 ? issuing : history;
  const latest = pool.reduce<HistoryEntry | null>(
    (best, h) => (best === null || h.date > best.date ? h : best),
    null,
  );
  const issuer =
    (latest === null ? null : issuerOf(latest.note)) ??
    pool.map((h) => issuerOf(h.note)).find((i) => i !== null) ??
    null;
  return { issuer, issuedOn: latest?.date ?? null, history };
}

function issuerOf(note: string): string | null {
  if (note.startsWith("《")) return null;
  // 第十三届 names a term of office, not part of the body's name.
  const name = note.replace(/第[^届]{1,6}届/g, "");
  for (const pattern of ISSUER_ENDS) {
    const m = pattern.exec(name);
    if (m?.[1] !== undefined && !m[1].includes("《")) return m[1].trim();
  }
  return null;
}
