import { bindingSentences } from "@wanggui/regulation";
import type { Queryable } from "../../../platform/db/pool.ts";
import { onlineConductRegulationId } from "../../regulations/current-regulation.ts";
import { listProvisions } from "../../regulations/read-regulation.ts";
import type { ChecklistLine } from "./self-reviews.repo.ts";

/**
 * The self-review checklist of one attendee: every whole sentence of the regulation that
 * binds them (a duty, a ban or an encouragement, never a liability or commencement clause),
 * quoted as it reads today. A cadre is bound by the cadre provisions (Art 18-20) as well as
 * the member ones; the regulations service decides which are which.
 */
export async function drawChecklist(db: Queryable, isCadre: boolean): Promise<ChecklistLine[]> {
  const documentId = await onlineConductRegulationId(db);
  const { items } = await listProvisions(db, documentId, {});
  const byArticle = new Map<string, typeof items>();
  for (const p of items)
    byArticle.set(p.article.label, [...(byArticle.get(p.article.label) ?? []), p]);
  return [...byArticle.values()].flatMap((clauses) =>
    bindingSentences(clauses, isCadre ? "cadre" : "member").flatMap(({ text, clauses: [first] }) =>
      first
        ? [{ provisionId: first.id, articleLabel: first.article.label, provisionText: text }]
        : [],
    ),
  );
}
