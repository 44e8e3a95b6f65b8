import type { Text } from "../../../platform/i18n.ts";
import type { CurrentArticle } from "../../regulations/study-sources.ts";
import type { QuestionType } from "../study.schemas.ts";

export interface QuestionShape {
  type: QuestionType;
  stem: string;
  options: string[];
  answer: string[];
  articleIds: number[];
}

export interface ShapeError {
  field: "options" | "answer" | "stem" | "articleIds";
  text: Text;
}

/** The blank a fill-in question's stem must show, so the member sees where the word goes. */
export const BLANK = "____";

/** What makes a question well formed for its type; shared by the form and the Excel import. */
export function checkQuestion(
  q: QuestionShape,
  articles: Map<number, CurrentArticle>,
): ShapeError[] {
  const errors: ShapeError[] = [];
  const keys = q.options.map((_, i) => String(i));
  const choice = q.type === "single" || q.type === "multiple";
  if (choice && q.options.length < 2) {
    errors.push({
      field: "options",
      text: {
        "zh-CN": "选择题至少需要两个选项",
        "en-US": "A choice question needs at least two options",
      },
    });
  }
  if (!choice && q.options.length > 0) {
    errors.push({
      field: "options",
      text: {
        "zh-CN": "判断题和填空题不设选项",
        "en-US": "True/false and fill-in questions have no options",
      },
    });
  }
  if (new Set(q.options).size !== q.options.length) {
    errors.push({
      field: "options",
      text: { "zh-CN": "选项不能重复", "en-US": "Options must differ" },
    });
  }
  if (choice && !q.answer.every((a) => keys.includes(a))) {
    errors.push({
      field: "answer",
      text: { "zh-CN": "答案必须是选项之一", "en-US": "The answer must be one of the options" },
    });
  }
  if (q.type === "single" && q.answer.length !== 1) {
    errors.push({
      field: "answer",
      text: {
        "zh-CN": "单选题只有一个正确答案",
        "en-US": "A single-choice question has exactly one answer",
      },
    });
  }
  if (
    q.type === "true_false" &&
    (q.answer.length !== 1 || !["true", "false"].includes(q.answer[0] ?? ""))
  ) {
    errors.push({
      field: "answer",
      text: {
        "zh-CN": "判断题答案为“正确”或“错误”",
        "en-US": "A true/false answer is true or false",
      },
    });
  }
  if (q.type === "fill_blank" && !q.stem.includes(BLANK)) {
    errors.push({
      field: "stem",
      text: {
        "zh-CN": `填空题题干须用 ${BLANK} 标出空格`,
        "en-US": `Mark the blank in the stem with ${BLANK}`,
      },
    });
  }
  if (!q.articleIds.every((id) => articles.has(id))) {
    errors.push({
      field: "articleIds",
      text: {
        "zh-CN": "引用的条文不存在或已被新版本修改",
        "en-US": "A cited article does not exist or was changed by a newer version",
      },
    });
  }
  return errors;
}

/** Chapter of the first cited article: what paper rules select by. */
export function chapterOf(articleIds: number[], articles: Map<number, CurrentArticle>) {
  return articles.get(articleIds[0] ?? 0)?.chapterNumber ?? null;
}
