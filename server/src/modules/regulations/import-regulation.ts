import { createHash } from "node:crypto";
import {
  articleContentKey,
  articlesInOrder,
  parse,
  type RegulationDocument,
  RegulationParseError,
  toJson,
} from "@wanggui/regulation";
import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Db } from "../../platform/db/pool.ts";
import { withTx } from "../../platform/db/pool.ts";
import { BadInput, Conflict } from "../../platform/errors.ts";
import * as repo from "./regulations.repo.ts";
import { toTsvector } from "./segment.ts";

export interface ImportInput {
  text: string;
  effectiveOn?: string | null;
}

export interface ImportResult {
  documentId: number;
  versionId: number;
  versionNo: number;
  title: string;
  articles: number;
  reusedArticles: number;
  warnings: { line: number; code: string; message: string }[];
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export function parseOrReject(text: string): RegulationDocument {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof RegulationParseError) {
      const where = error.line > 0 ? `第 ${error.line} 行：` : "";
      throw new BadInput(
        "text",
        {
          "zh-CN": `无法解析规定文本。${where}${PARSE_MESSAGES[error.code]}`,
          "en-US": `Cannot parse the text: ${error.message}`,
        },
        `parse_${error.code}`,
      );
    }
    throw error;
  }
}

/** A text an import accepts: it parses and has at least one article. */
export function parseForImport(text: string): RegulationDocument {
  const doc = parseOrReject(text);
  if (articlesInOrder(doc.body).length === 0) {
    throw new BadInput(
      "text",
      {
        "zh-CN": "文本中没有任何条文，未导入。",
        "en-US": "The text has no articles; nothing imported.",
      },
      "no_articles",
    );
  }
  return doc;
}

const WARNING_TEXT: Record<string, string> = {
  no_articles: "没有找到任何“第X条”",
  numbering_gap: "条文编号不连续",
  numbering_repeat: "条文编号重复",
  heading_typo: "条标题有错字（如“笫”），已按条文处理",
  spaced_heading: "条标题中有多余空格，已按条文处理",
  orphan_text: "章节标题后有不属于任何条文的文字，已忽略",
};

/** Parser warnings with a Chinese explanation beside the parser's own words. */
export function describeWarnings(warnings: { line: number; code: string; message: string }[]) {
  return warnings.map((w) => ({
    ...w,
    message: `${WARNING_TEXT[w.code] ?? w.code}（${w.message}）`,
  }));
}

const PARSE_MESSAGES: Record<RegulationParseError["code"], string> = {
  empty_input: "文本为空。",
  binary_input: "文本含有二进制内容，请上传纯文本或 Markdown。",
  no_articles: "没有找到任何“第X条”。",
  strict_warning: "文本结构存在问题。",
};

/**
 * Stores a new version of a regulation. Articles whose number and text match an earlier
 * version keep that version's article id, so questions, checklists and decisions that cite
 * them stay attached; changed articles get new ids with fresh provisions.
 */
export async function importRegulation(
  db: Db,
  actor: AuditActor,
  input: ImportInput,
): Promise<ImportResult> {
  const doc = parseForImport(input.text);
  const located = articlesInOrder(doc.body);
  const json = toJson(doc);
  const byEid = new Map(json.articles.map((a) => [a.eId, a]));
  return withTx(db, async (tx) => {
    const documentId = await repo.findOrCreateDocument(tx, doc.title, doc.issuer);
    const latest = await repo.latestVersion(tx, documentId);
    const rawSha = sha256(input.text);
    if (latest?.raw_sha256 === rawSha) {
      throw new Conflict(
        {
          "zh-CN": `与《${doc.title}》当前最新版本（第 ${latest.version_no} 版）内容完全相同，未导入。`,
          "en-US": "Identical to the latest version; nothing imported.",
        },
        "text",
        "same_as_latest",
      );
    }
    const versionNo = (latest?.version_no ?? 0) + 1;
    const versionId = await repo.insertVersion(tx, {
      documentId,
      versionNo,
      issuedOn: doc.issuedOn,
      effectiveOn: input.effectiveOn ?? doc.issuedOn,
      rawText: input.text,
      rawSha,
      source: doc.source,
      preamble: doc.preamble,
      warnings: doc.warnings,
      importedBy: actor.userId,
    });
    let reused = 0;
    for (const [position, { article, ancestors }] of located.entries()) {
      const entry = byEid.get(article.eId);
      if (!entry) continue;
      const digest = sha256(articleContentKey(article));
      const existing = await repo.findArticle(tx, documentId, article.number, digest);
      let articleId = existing;
      if (articleId === null) {
        articleId = await repo.insertArticle(tx, {
          documentId,
          number: article.number,
          label: article.label,
          digest,
          text: entry.text,
          paragraphs: entry.paragraphs,
        });
        await repo.insertProvisions(
          tx,
          articleId,
          await Promise.all(
            entry.provisions.map(async (p) => ({ ...p, vector: await toTsvector(p.text) })),
          ),
        );
        await repo.insertReferences(tx, articleId, entry.references);
      } else {
        reused += 1;
      }
      const chapter = ancestors.findLast((d) => d.level === "chapter");
      await repo.linkArticle(tx, {
        versionId,
        articleId,
        position,
        eid: article.eId,
        chapter: chapter
          ? { number: chapter.number, label: chapter.label, heading: chapter.heading }
          : null,
      });
    }
    await recordAudit(tx, actor, {
      action: "regulation.import",
      entityType: "regulation_version",
      entityId: versionId,
      after: {
        title: doc.title,
        versionNo,
        articles: located.length,
        reusedArticles: reused,
        effectiveOn: input.effectiveOn ?? doc.issuedOn,
      },
    });
    return {
      documentId,
      versionId,
      versionNo,
      title: doc.title,
      articles: located.length,
      reusedArticles: reused,
      warnings: doc.warnings,
    };
  });
}
