import { diffArticles, parse } from "@wanggui/regulation";
import type { Queryable } from "../../platform/db/pool.ts";
import { requireVersion } from "./read-regulation.ts";

/** Article-level changes between two stored versions, each changed article with a character diff. */
export async function diffVersions(db: Queryable, documentId: number, from: number, to: number) {
  const [older, newer] = await Promise.all([
    requireVersion(db, documentId, from),
    requireVersion(db, documentId, to),
  ]);
  return { from, to, ...diffArticles(parse(older.raw_text), parse(newer.raw_text)) };
}
