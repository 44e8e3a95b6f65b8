import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { findCampaign, listCampaigns as list } from "./campaigns.repo.ts";
import { presentCampaigns } from "./present-campaign.ts";
import { authorizeManage, campaignNotFound } from "./study.policy.ts";

/** Campaigns of the subtrees the caller manages. */
export async function listCampaigns(db: Queryable, actor: Actor) {
  authorizeManage(actor);
  return { items: await presentCampaigns(db, actor, await list(db, actor)) };
}

export async function getCampaign(db: Queryable, actor: Actor, id: number) {
  authorizeManage(actor);
  const c = await findCampaign(db, actor, id);
  if (!c) throw campaignNotFound();
  const [presented] = await presentCampaigns(db, actor, [c]);
  if (!presented) throw campaignNotFound();
  return presented;
}
