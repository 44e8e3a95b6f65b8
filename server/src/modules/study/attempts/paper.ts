import { createHash, randomInt } from "node:crypto";
import type { PaperRule } from "../campaigns/campaigns.schemas.ts";
import type { Answer, QuestionType } from "../study.schemas.ts";

/** A question as fixed in one member's paper: content, the order its options are shown in,
 * and the key. Copied at the start, so later edits to the bank never change a sitting. */
export interface PaperItem {
  id: number;
  type: QuestionType;
  stem: string;
  options: string[];
  order: string[];
  answer: string[];
  explanation: string;
  articleIds: number[];
}

export interface PoolQuestion {
  id: number;
  type: QuestionType;
  stem: string;
  options: string[];
  answer: string[];
  explanation: string;
  articleIds: number[];
  chapterNumber: number | null;
}

export type Random = (max: number) => number;
const cryptoRandom: Random = (max) => randomInt(max);

/**
 * A repeatable random sequence from a seed (SHA-256 in counter mode): the same member, day and
 * question always show the options in the same order, so a reload does not reshuffle them.
 */
export function seededRandom(seed: string): Random {
  let counter = 0;
  return (max) =>
    createHash("sha256").update(`${seed}:${counter++}`).digest().readUInt32BE(0) % max;
}

export function shuffle<T>(items: readonly T[], random: Random = cryptoRandom): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const matches = (rule: PaperRule, q: PoolQuestion) =>
  (rule.chapter === null || q.chapterNumber === rule.chapter) &&
  (rule.type === null || q.type === rule.type);

/**
 * Rules that the pool cannot satisfy, with how many questions each is short. Rules are
 * served in order without reuse, so two overlapping rules must both fit.
 */
export function shortfalls(rules: PaperRule[], pool: PoolQuestion[]) {
  const used = new Set<number>();
  const short: { rule: PaperRule; missing: number }[] = [];
  for (const rule of rules) {
    const fits = pool.filter((q) => !used.has(q.id) && matches(rule, q));
    for (const q of fits.slice(0, rule.count)) used.add(q.id);
    if (fits.length < rule.count) short.push({ rule, missing: rule.count - fits.length });
  }
  return short;
}

/** Draws each rule's questions at random, then shuffles questions and each one's options. */
export function drawPaper(
  rules: PaperRule[],
  pool: PoolQuestion[],
  random: Random = cryptoRandom,
): PaperItem[] {
  const used = new Set<number>();
  const drawn: PoolQuestion[] = [];
  for (const rule of rules) {
    const picked = shuffle(
      pool.filter((q) => !used.has(q.id) && matches(rule, q)),
      random,
    ).slice(0, rule.count);
    for (const q of picked) {
      used.add(q.id);
      drawn.push(q);
    }
  }
  return shuffle(drawn, random).map((q) => ({
    id: q.id,
    type: q.type,
    stem: q.stem,
    options: q.options,
    order: shuffle(
      q.options.map((_, i) => String(i)),
      random,
    ),
    answer: q.answer,
    explanation: q.explanation,
    articleIds: q.articleIds,
  }));
}

const normalize = (s: string) => s.replace(/\s+/g, "").toLowerCase();

/** Whether one answer is right: same option set, or a fill-in matching an accepted one. */
export function isCorrect(
  item: Pick<PaperItem, "type" | "answer">,
  given: Answer | undefined,
): boolean {
  if (!given || given.length === 0) return false;
  if (item.type === "fill_blank") {
    const value = normalize(given[0] ?? "");
    return given.length === 1 && item.answer.some((a) => normalize(a) === value);
  }
  const want = [...new Set(item.answer)].sort();
  const got = [...new Set(given)].sort();
  return want.length === got.length && want.every((k, i) => k === got[i]);
}

export function scorePaper(
  paper: Pick<PaperItem, "id" | "type" | "answer">[],
  answers: Record<string, Answer>,
  passMark: number,
) {
  const correct = paper.filter((item) => isCorrect(item, answers[String(item.id)])).length;
  const total = paper.length;
  const score = total === 0 ? 0 : Math.round((100 * correct) / total);
  return { correct, total, score, passed: score >= passMark };
}

/** What the member sees while sitting: no key, no explanation, options in their order. */
export function presentPaper(paper: PaperItem[]) {
  return paper.map((item) => ({
    id: item.id,
    type: item.type,
    stem: item.stem,
    options:
      item.type === "true_false"
        ? [
            { key: "true", text: "正确" },
            { key: "false", text: "错误" },
          ]
        : item.order.map((key) => ({ key, text: item.options[Number(key)] ?? "" })),
    articleIds: item.articleIds,
  }));
}
