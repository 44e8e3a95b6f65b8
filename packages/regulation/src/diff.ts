import type { Article, ArticleNumber, RegulationDocument } from "./types.ts";
import { articlesInOrder, articleText } from "./walk.ts";

export interface DiffOp {
  op: "equal" | "insert" | "delete";
  text: string;
}

export interface ArticleChange {
  number: ArticleNumber;
  charDiff: DiffOp[];
}

export interface ArticleDiff {
  added: ArticleNumber[];
  removed: ArticleNumber[];
  changed: ArticleChange[];
}

/** Compares two versions article by article (matched by number), with a character diff. */
export function diffArticles(oldDoc: RegulationDocument, newDoc: RegulationDocument): ArticleDiff {
  const index = (doc: RegulationDocument) =>
    new Map(articlesInOrder(doc.body).map(({ article }) => [key(article.number), article]));
  const before = index(oldDoc);
  const after = index(newDoc);
  const added = [...after.values()].filter((a) => !before.has(key(a.number))).map((a) => a.number);
  const removed = [...before.values()]
    .filter((a) => !after.has(key(a.number)))
    .map((a) => a.number);
  const changed: ArticleChange[] = [];
  for (const [k, next] of after) {
    const prev = before.get(k);
    if (prev === undefined) continue;
    const a = articleText(prev);
    const b = articleText(next);
    if (a !== b) changed.push({ number: next.number, charDiff: diffChars(a, b) });
  }
  return { added, removed, changed };
}

function key(n: ArticleNumber): string {
  return `${n.n}.${n.sub ?? 0}`;
}

/**
 * Myers' O(ND) shortest edit script over code points, so a change to one character of a
 * Chinese sentence is one insert and one delete, never a split surrogate pair.
 */
export function diffChars(oldText: string, newText: string): DiffOp[] {
  const a = Array.from(oldText);
  const b = Array.from(newText);
  const max = a.length + b.length;
  const v = new Map<number, number>([[1, 0]]);
  const trace: Map<number, number>[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(new Map(v));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v.get(k - 1) ?? 0) < (v.get(k + 1) ?? 0));
      let x = down ? (v.get(k + 1) ?? 0) : (v.get(k - 1) ?? 0) + 1;
      let y = x - k;
      while (x < a.length && y < b.length && a[x] === b[y]) {
        x++;
        y++;
      }
      v.set(k, x);
      if (x >= a.length && y >= b.length) break outer;
    }
  }
  return merge(backtrack(trace, a, b));
}

function backtrack(trace: Map<number, number>[], a: string[], b: string[]): DiffOp[] {
  const ops: DiffOp[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d] as Map<number, number>;
    const k = x - y;
    const down = k === -d || (k !== d && (v.get(k - 1) ?? 0) < (v.get(k + 1) ?? 0));
    const prevK = down ? k + 1 : k - 1;
    const prevX = v.get(prevK) ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ op: "equal", text: a[--x] ?? "" });
      y--;
    }
    if (d === 0) break;
    if (down) ops.push({ op: "insert", text: b[--y] ?? "" });
    else ops.push({ op: "delete", text: a[--x] ?? "" });
  }
  return ops.reverse();
}

function merge(ops: DiffOp[]): DiffOp[] {
  const out: DiffOp[] = [];
  for (const op of ops) {
    const last = out.at(-1);
    if (last?.op === op.op) last.text += op.text;
    else out.push({ ...op });
  }
  return out;
}

/**
 * A stable key for an article's content, for the server to hash (sha256 needs node:crypto,
 * which this package does not import). Layout, spacing and ASCII-vs-full-width punctuation do
 * not change it; any change of wording or numbering does. The v1 prefix versions the recipe.
 */
export function articleContentKey(article: Article): string {
  const number = `${article.number.n}${article.number.sub === undefined ? "" : `-${article.number.sub}`}`;
  const text = articleText(article).normalize("NFKC").replace(/\s+/g, "");
  return `wanggui-article-v1|${number}|${text}`;
}
