import { bindingSentences, type Sentence } from "@wanggui/regulation";
import type { CurrentArticle, CurrentProvision } from "../../regulations/study-sources.ts";
import type { QuestionType } from "../study.schemas.ts";
import { BLANK } from "./question-rules.ts";

/** A question proposed from the annotated regulation; a reviewer approves it before use. */
export interface Draft {
  type: QuestionType;
  stem: string;
  options: string[];
  answer: string[];
  explanation: string;
  articleIds: number[];
}

const MODAL = /不得|严禁|禁止|应当|必须|鼓励/;
const MODAL_CHOICES = ["应当", "不得", "鼓励", "可以"];
const SUBJECT_TEXT: Record<string, string> = { cadre: "党员干部", member: "党员" };
const SUBJECT_CHOICES = ["党员", "党员干部", "各级党组织", "中共中央组织部"];

const quote = (text: string) => text.replace(/[。；]$/, "");

/** The kind a sentence is asked about: that of its first clause that binds someone. */
interface Rule {
  articleId: number;
  kind: string;
  subjects: string[];
  text: string;
}

/**
 * The whole sentences that bind a member or a cadre, never a half cut at a comma nor a
 * liability or commencement clause: a question quotes what a person must, must not or is
 * encouraged to do, with its subject.
 */
export function rulesOf(provisions: CurrentProvision[]): Rule[] {
  const byArticle = new Map<number, CurrentProvision[]>();
  for (const p of provisions)
    byArticle.set(p.articleId, [...(byArticle.get(p.articleId) ?? []), p]);
  return [...byArticle].flatMap(([articleId, clauses]) =>
    bindingSentences(clauses, "cadre").map((s: Sentence<CurrentProvision>) => {
      const lead = s.clauses.find((c) => c.subjects.some((x) => x in SUBJECT_TEXT)) ?? s.clauses[0];
      return { articleId, kind: lead?.kind ?? "", subjects: lead?.subjects ?? [], text: s.text };
    }),
  );
}

/**
 * Three kinds of draft from each whole sentence that binds members or cadres:
 * the modal word as a blank (and as a choice among modal words), which article it is (with
 * the nearest articles of the same kind as distractors) and whom it binds.
 */
export function draftQuestions(
  provisions: CurrentProvision[],
  articles: Map<number, CurrentArticle>,
): Draft[] {
  const drafts: Draft[] = [];
  const normative = rulesOf(provisions);
  for (const p of normative) {
    const article = articles.get(p.articleId);
    if (!article) continue;
    const text = quote(p.text);
    const explanation = `依据${article.label}：${p.text}`;
    const modal = MODAL.exec(text)?.[0];
    if (modal) {
      const blanked = text.replace(modal, BLANK);
      drafts.push({
        type: "fill_blank",
        stem: `${blanked}。`,
        options: [],
        answer: [modal],
        explanation,
        articleIds: [p.articleId],
      });
      const word =
        modal === "严禁" || modal === "禁止" ? "不得" : modal === "必须" ? "应当" : modal;
      drafts.push({
        type: "single",
        stem: `“${blanked}”中空格处应填：`,
        options: MODAL_CHOICES,
        answer: [String(MODAL_CHOICES.indexOf(word))],
        explanation,
        articleIds: [p.articleId],
      });
    }
    const others = [
      ...new Set(
        normative
          .filter((o) => o.articleId !== p.articleId && o.kind === p.kind)
          .map((o) => o.articleId),
      ),
    ]
      .map((id) => articles.get(id))
      .filter((a): a is CurrentArticle => a !== undefined)
      .sort((a, b) => Math.abs(a.number - article.number) - Math.abs(b.number - article.number))
      .slice(0, 3);
    if (others.length === 3) {
      // Distractors sorted with the answer by article number, so its position gives nothing away.
      const options = [article, ...others].sort((a, b) => a.number - b.number);
      drafts.push({
        type: "single",
        stem: `“${text}”出自《中国共产党党员网络行为规定》哪一条？`,
        options: options.map((a) => a.label),
        answer: [String(options.indexOf(article))],
        explanation,
        articleIds: [p.articleId],
      });
    }
    const subject = p.subjects.includes("cadre") ? "cadre" : "member";
    const named = SUBJECT_TEXT[subject] ?? "";
    if (text.startsWith(named)) {
      drafts.push({
        type: "single",
        stem: `“${BLANK}${text.slice(named.length)}”这一规定约束的主体是：`,
        options: SUBJECT_CHOICES,
        answer: [String(SUBJECT_CHOICES.indexOf(named))],
        explanation,
        articleIds: [p.articleId],
      });
    }
  }
  return drafts;
}
