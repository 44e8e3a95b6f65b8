import { createHash } from "node:crypto";
import {
  type ArticleNumber,
  articlesInOrder,
  diffArticles,
  parse,
  type RegulationDocument,
} from "@wanggui/regulation";
import type { Queryable } from "../../platform/db/pool.ts";
import { describeWarnings, parseForImport } from "./import-regulation.ts";
import { findDocumentByTitle, findVersion } from "./regulations.query-repo.ts";

export interface ImportPreview {
  title: string;
  issuer: string | null;
  issuedOn: string | null;
  documentId: number | null;
  latestVersionNo: number | null;
  versionNo: number;
  sameAsLatest: boolean;
  articles: number;
  added: string[];
  removed: string[];
  changed: string[];
  warnings: { line: number; code: string; message: string }[];
}

/**
 * What importing this text would do, computed without writing anything: which document it
 * becomes a version of, and which articles it adds, removes or changes against the latest
 * stored version. An administrator reads this before confirming, because an import is final.
 */
export async function previewImport(db: Queryable, text: string): Promise<ImportPreview> {
  const doc = parseForImport(text);
  const documentId = await findDocumentByTitle(db, doc.title);
  const latest = documentId === null ? null : await findVersion(db, documentId);
  const sameAsLatest = latest !== null && sha256(latest.raw_text) === sha256(text);
  const diff = latest
    ? diffArticles(parse(latest.raw_text), doc)
    : {
        added: articlesInOrder(doc.body).map(({ article }) => article.number),
        removed: [],
        changed: [],
      };
  const labelsNew = labels(doc);
  const labelsOld = latest ? labels(parse(latest.raw_text)) : new Map<string, string>();
  return {
    title: doc.title,
    issuer: doc.issuer,
    issuedOn: doc.issuedOn,
    documentId,
    latestVersionNo: latest?.version_no ?? null,
    versionNo: (latest?.version_no ?? 0) + 1,
    sameAsLatest,
    articles: labelsNew.size,
    added: diff.added.map((n) => labelsNew.get(key(n)) ?? key(n)),
    removed: diff.removed.map((n) => labelsOld.get(key(n)) ?? key(n)),
    changed: diff.changed.map((c) => labelsNew.get(key(c.number)) ?? key(c.number)),
    warnings: describeWarnings(doc.warnings),
  };
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const key = (n: ArticleNumber) => `${n.n}.${n.sub ?? 0}`;

function labels(doc: RegulationDocument) {
  return new Map(
    articlesInOrder(doc.body).map(({ article }) => [key(article.number), article.label]),
  );
}
