import type { Queryable } from "../../platform/db/pool.ts";
import * as q from "./regulations.query-repo.ts";

/**
 * What the study module needs from the regulation: the articles in force (latest version of
 * every document) with their chapters, and their provisions with the annotations in force.
 * Article ids are stable while number and text are unchanged, so a cited id missing from
 * this list means the article changed in a newer version.
 */
export interface CurrentArticle {
  id: number;
  documentId: number;
  number: number;
  sub: number;
  label: string;
  chapterNumber: number | null;
  /** 「第三章」, as the text numbers it. */
  chapterLabel: string | null;
  chapterHeading: string | null;
}

export async function currentArticles(db: Queryable): Promise<CurrentArticle[]> {
  const out: CurrentArticle[] = [];
  for (const doc of await q.listDocuments(db)) {
    const version = await q.findVersion(db, doc.id);
    if (!version) continue;
    for (const a of await q.versionArticles(db, version.id)) {
      out.push({
        id: a.article_id,
        documentId: doc.id,
        number: a.number,
        sub: a.sub,
        label: a.label,
        chapterNumber: a.chapter_number,
        chapterLabel: a.chapter_label,
        chapterHeading: a.chapter_heading,
      });
    }
  }
  return out;
}

export interface CurrentProvision {
  articleId: number;
  kind: string;
  subjects: string[];
  text: string;
}

export async function currentProvisions(db: Queryable): Promise<CurrentProvision[]> {
  const out: CurrentProvision[] = [];
  for (const doc of await q.listDocuments(db)) {
    const version = await q.findVersion(db, doc.id);
    if (!version) continue;
    for (const p of await q.versionProvisions(db, version.id, null, null)) {
      out.push({ articleId: p.article_id, kind: p.kind, subjects: p.subjects, text: p.text });
    }
  }
  return out;
}
