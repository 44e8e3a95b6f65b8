import type { Queryable } from "../../platform/db/pool.ts";
import { onlineConductRegulationId } from "../regulations/current-regulation.ts";
import { listProvisions } from "../regulations/read-regulation.ts";
import type { ChecklistLine } from "./self-reviews.repo.ts";

/**
 * The self-review checklist of one attendee: every provision of the regulation that binds
 * them, quoted as it reads today. A cadre is bound by the cadre provisions (Art 18-20) as
 * well as the member ones; the regulations service decides which are which.
 */
export async function drawChecklist(db: Queryable, isCadre: boolean): Promise<ChecklistLine[]> {
  const documentId = await onlineConductRegulationId(db);
  const { items } = await listProvisions(db, documentId, { binds: isCadre ? "cadre" : "member" });
  return items.map((p) => ({
    provisionId: p.id,
    articleLabel: p.article.label,
    provisionText: p.text,
  }));
}
