import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { BadInput } from "../../../platform/errors.ts";
import type { Locale } from "../../../platform/i18n.ts";
import { type CellValue, readFirstSheet } from "../../../platform/xlsx-read/workbook.ts";
import { type CurrentArticle, currentArticles } from "../../regulations/study-sources.ts";
import { requireManagedOrg } from "../study.policy.ts";
import type { QuestionType } from "../study.schemas.ts";
import { OPTION_LETTERS, parseAnswer, QUESTION_HEADERS, TYPE_TEXT } from "./question-columns.ts";
import { chapterOf, checkQuestion } from "./question-rules.ts";
import { insertQuestions, type NewQuestion } from "./questions.repo.ts";

const MAX_ROWS = 2000;
const TYPES = new Map(Object.entries(TYPE_TEXT).map(([k, v]) => [v, k as QuestionType]));

interface Checked {
  row: number;
  stem: string;
  errors: { column: string; message: string }[];
  question: Omit<NewQuestion, "orgId" | "orgPath" | "status" | "origin"> | null;
}

function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}

const unreadable = () =>
  new BadInput("file", {
    "zh-CN": "无法读取该文件，请上传 .xlsx 格式的题库",
    "en-US": "Cannot read the file; upload the bank as .xlsx",
  });

const tooMany = () =>
  new BadInput("file", {
    "zh-CN": `题库超过 ${MAX_ROWS} 道题：一次最多导入 ${MAX_ROWS} 道，请分成几个文件分别导入`,
    "en-US": `The file holds more than ${MAX_ROWS} questions, the most one import takes; split it`,
  });

/**
 * Reads the workbook as a stream (header row found by its first cell, so a watermark line may
 * precede it). Past MAX_ROWS questions the file is refused, never cut short.
 */
async function checkFile(
  file: Buffer,
  articles: CurrentArticle[],
  locale: Locale,
): Promise<Checked[]> {
  const byLabel = new Map(articles.map((a) => [a.label, a]));
  const byId = new Map(articles.map((a) => [a.id, a]));
  const out: Checked[] = [];
  let header = 0;
  try {
    for await (const row of readFirstSheet(file)) {
      const cell = (i: number) => cellText(row.values[i + 1]);
      if (!header) {
        if (cell(0) === QUESTION_HEADERS[0]) header = row.number;
        continue;
      }
      if (row.values.every((v) => cellText(v) === "")) continue;
      if (out.length >= MAX_ROWS) throw tooMany();
      out.push(checkRow(row.number, cell, byLabel, byId, locale));
    }
  } catch (error) {
    throw error instanceof BadInput ? error : unreadable();
  }
  if (!header) {
    throw new BadInput("file", {
      "zh-CN": "未找到表头“题型”，请使用导出的题库格式",
      "en-US": "No 题型 header row; use the exported bank layout",
    });
  }
  return out;
}

function checkRow(
  n: number,
  cell: (i: number) => string,
  byLabel: Map<string, CurrentArticle>,
  byId: Map<number, CurrentArticle>,
  locale: Locale,
): Checked {
  const errors: Checked["errors"] = [];
  const type = TYPES.get(cell(0));
  if (!type)
    errors.push({
      column: "题型",
      message:
        locale === "zh-CN"
          ? "题型应为单选、多选、判断或填空"
          : "Type must be 单选, 多选, 判断 or 填空",
    });
  const stem = cell(1);
  if (!stem)
    errors.push({
      column: "题干",
      message: locale === "zh-CN" ? "题干不能为空" : "The stem is required",
    });
  const options = OPTION_LETTERS.map((_, i) => cell(2 + i)).filter(Boolean);
  const labels = cell(10)
    .split(/[；;，,\s]+/)
    .filter(Boolean);
  const cited = labels.map((l) => byLabel.get(l));
  if (labels.length === 0 || cited.some((a) => !a)) {
    errors.push({
      column: "引用条款",
      message:
        locale === "zh-CN"
          ? "请填写现行条文，如“第十九条”"
          : "Cite articles in force, e.g. 第十九条",
    });
  }
  const explanation = cell(9);
  if (!explanation)
    errors.push({
      column: "解析",
      message: locale === "zh-CN" ? "解析不能为空" : "The explanation is required",
    });
  const question = type
    ? {
        type,
        stem,
        options,
        answer: parseAnswer(type, cell(8)),
        explanation,
        articleIds: cited.flatMap((a) => (a ? [a.id] : [])),
      }
    : null;
  if (question && errors.length === 0) {
    for (const e of checkQuestion(question, byId)) {
      errors.push({
        column: e.field === "answer" ? "答案" : e.field === "stem" ? "题干" : "选项A",
        message: e.text[locale],
      });
    }
  }
  return {
    row: n,
    stem,
    errors,
    question:
      question && errors.length === 0
        ? { ...question, chapterNumber: chapterOf(question.articleIds, byId) }
        : null,
  };
}

/** Checks a bank workbook and writes nothing, so the file can be fixed first. */
export async function previewQuestions(
  db: Db,
  actor: Actor,
  orgId: number,
  file: Buffer,
  locale: Locale,
) {
  await requireManagedOrg(db, actor, orgId);
  const rows = await checkFile(file, await currentArticles(db), locale);
  const invalid = rows.filter((r) => r.errors.length > 0).length;
  return { rows: rows.map(({ question: _q, ...r }) => r), valid: rows.length - invalid, invalid };
}

/** Writes every row in one transaction, or nothing when any row has an error. */
export async function importQuestions(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  orgId: number,
  file: Buffer,
  locale: Locale,
) {
  const org = await requireManagedOrg(db, actor, orgId);
  const rows = await checkFile(file, await currentArticles(db), locale);
  const bad = rows.find((r) => r.errors.length > 0);
  if (bad || rows.length === 0) {
    throw new BadInput("file", {
      "zh-CN": bad ? `第 ${bad.row} 行有错误，请先预览并修正` : "文件中没有试题",
      "en-US": bad
        ? `Row ${bad.row} has errors; preview and fix the file first`
        : "The file holds no questions",
    });
  }
  return withTx(db, async (tx) => {
    const ids = await insertQuestions(
      tx,
      actor.userId,
      rows.flatMap((r) =>
        r.question
          ? [
              {
                ...r.question,
                orgId: org.id,
                orgPath: org.path,
                status: "approved" as const,
                origin: "imported" as const,
              },
            ]
          : [],
      ),
    );
    await recordAudit(tx, audit, {
      action: "study.question.import",
      entityType: "study_question",
      orgPath: org.path,
      after: { created: ids.length },
    });
    return { created: ids.length };
  });
}
