import type { Actor } from "../../../platform/auth/actor.ts";
import type { Db } from "../../../platform/db/pool.ts";
import { currentArticles } from "../../regulations/study-sources.ts";
import { memberAttempts } from "../attempts/attempts.repo.ts";
import { requireTaker } from "../study.policy.ts";
import { campaignsReaching, materialsByIds, materialsRead } from "./campaigns.repo.ts";
import { presentCampaigns } from "./present-campaign.ts";

/** A member's study tasks: every published campaign that reaches their org, with progress. */
export async function listTasks(db: Db, actor: Actor) {
  const member = await requireTaker(db, actor);
  const campaigns = await campaignsReaching(db, member.orgPath);
  const ids = campaigns.map((c) => c.id);
  const [presented, materials, read, attempts, articles] = await Promise.all([
    presentCampaigns(db, null, campaigns),
    materialsByIds(db, [...new Set(campaigns.flatMap((c) => c.materialIds))]),
    materialsRead(db, member.id, ids),
    memberAttempts(db, member.id, ids),
    currentArticles(db),
  ]);
  const article = new Map(articles.map((a) => [a.id, a]));
  const byId = new Map(materials.map((m) => [m.id, m]));
  return {
    items: presented.map(({ can: _can, ...campaign }) => {
      const mine = attempts.filter((a) => a.campaignId === campaign.id);
      const done = mine.filter((a) => a.submittedAt !== null);
      const best = done.reduce<(typeof done)[number] | null>(
        (b, a) => (b === null || (a.score ?? 0) > (b.score ?? 0) ? a : b),
        null,
      );
      return {
        campaign,
        materials: campaign.materialIds.flatMap((id) => {
          const m = byId.get(id);
          return m
            ? [
                {
                  ...m,
                  read: read.has(`${campaign.id}:${id}`),
                  // A changed article has left the list; the material keeps its other ones.
                  articles: m.articleIds.flatMap((a) => article.get(a) ?? []),
                },
              ]
            : [];
        }),
        attemptsUsed: mine.length,
        openAttemptId: mine.find((a) => a.submittedAt === null)?.id ?? null,
        best: best ? { score: best.score ?? 0, passed: done.some((a) => a.passed) } : null,
        lastAttemptId: mine[mine.length - 1]?.id ?? null,
      };
    }),
  };
}
