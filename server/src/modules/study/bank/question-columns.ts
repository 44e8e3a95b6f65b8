import type { QuestionType } from "../study.schemas.ts";

/** The question bank workbook: one row per question, options A–F, the answer as letters. */
export const OPTION_LETTERS = ["A", "B", "C", "D", "E", "F"] as const;
export const QUESTION_HEADERS = [
  "题型",
  "题干",
  ...OPTION_LETTERS.map((l) => `选项${l}`),
  "答案",
  "解析",
  "引用条款",
] as const;

export const TYPE_TEXT: Record<QuestionType, string> = {
  single: "单选",
  multiple: "多选",
  true_false: "判断",
  fill_blank: "填空",
};

export const TRUE_TEXT = "正确";
export const FALSE_TEXT = "错误";

/** "AC" for option keys ["0", "2"], 正确/错误 for true/false, the fill-in as it is. */
export function answerText(type: QuestionType, answer: string[]): string {
  if (type === "true_false") return answer[0] === "true" ? TRUE_TEXT : FALSE_TEXT;
  if (type === "fill_blank") return answer.join("|");
  return answer.map((k) => OPTION_LETTERS[Number(k)] ?? "?").join("");
}

export function parseAnswer(type: QuestionType, text: string): string[] {
  const t = text.trim();
  if (type === "true_false") return t === TRUE_TEXT ? ["true"] : t === FALSE_TEXT ? ["false"] : [];
  if (type === "fill_blank")
    return t
      .split("|")
      .map((s) => s.trim())
      .filter(Boolean);
  return [...t.toUpperCase().replace(/[^A-F]/g, "")].map((l) =>
    String(OPTION_LETTERS.indexOf(l as (typeof OPTION_LETTERS)[number])),
  );
}
