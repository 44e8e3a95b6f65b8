import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { authorizeManage, campaignNotFound } from "../study.policy.ts";
import { findCampaign, listCampaigns as list } from "./campaigns.repo.ts";
import { presentCampaigns } from "./present-campaign.ts";

/** Campaigns of the subtrees the caller manages, a page at a time; `running` only those under way. */
export async function listCampaigns(
  db: Queryable,
  actor: Actor,
  query: { running?: boolean; after?: string; limit: number },
) {
  authorizeManage(actor);
  const page = await list(db, actor, query);
  return { items: await presentCampaigns(db, actor, page.items), nextCursor: page.nextCursor };
}

export async function getCampaign(db: Queryable, actor: Actor, id: number) {
  authorizeManage(actor);
  const c = await findCampaign(db, actor, id);
  if (!c) throw campaignNotFound();
  const [presented] = await presentCampaigns(db, actor, [c]);
  if (!presented) throw campaignNotFound();
  return presented;
}
