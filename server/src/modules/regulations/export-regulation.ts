import { parse, toAkn, toJson, toMarkdown } from "@wanggui/regulation";
import type { Queryable } from "../../platform/db/pool.ts";
import { requireVersion } from "./read-regulation.ts";

const TYPES = {
  json: "application/json",
  akn: "application/akn+xml",
  md: "text/markdown",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
} as const;

/** The stored raw text re-parsed and rendered, so an export always matches today's parser. */
export async function exportRegulation(
  db: Queryable,
  documentId: number,
  format: keyof typeof TYPES,
  versionNo?: number,
) {
  const version = await requireVersion(db, documentId, versionNo);
  const doc = parse(version.raw_text);
  const body =
    format === "docx"
      ? await (await import("./regulation-docx.ts")).regulationDocx(doc, version.version_no)
      : format === "json"
        ? JSON.stringify(toJson(doc), null, 2)
        : format === "akn"
          ? toAkn(doc)
          : toMarkdown(doc);
  const extension = format === "akn" ? "xml" : format;
  return {
    body,
    contentType: format === "docx" ? TYPES.docx : `${TYPES[format]}; charset=utf-8`,
    fileName: `${version.title}-v${version.version_no}.${extension}`,
    asciiName: `regulation-${documentId}-v${version.version_no}.${extension}`,
  };
}
