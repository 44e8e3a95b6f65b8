import type { Actor } from "../../../platform/auth/actor.ts";
import { chinaMinute } from "../../../platform/china-date.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { allPages, MAX_PAGE } from "../../../platform/keyset.ts";
import { countAccountsUnder } from "../../users/member-accounts.ts";
import { authorizeManage, campaignNotFound } from "../study.policy.ts";
import { campaignFoldedAt } from "./campaign-folds.repo.ts";
import {
  branchCounts,
  foldedBranchCounts,
  resultRows,
  type StatusCounts,
} from "./campaign-results.repo.ts";
import { findCampaign } from "./campaigns.repo.ts";
import type { ResultRow } from "./campaigns.schemas.ts";

/**
 * Completion and scores of a campaign for the part of its subtree the caller manages: counts
 * per branch and in total, and one page of members with their status (members without any
 * attempt are not started, which is what a secretary chases). A large campaign's counts come
 * from the fold (ADR 0029) and say when they were folded (countedAt, Beijing time); a small
 * one's are counted live and countedAt is null. The page of members is always live.
 */
export async function campaignResults(
  db: Queryable,
  actor: Actor,
  id: number,
  query: { status?: ResultRow["status"]; after?: string; limit: number },
) {
  authorizeManage(actor);
  const c = await findCampaign(db, actor, id);
  if (!c) throw campaignNotFound();
  const foldedAt = await campaignFoldedAt(db, c.id);
  const [branches, page, withAccount] = await Promise.all([
    foldedAt ? foldedBranchCounts(db, actor, c) : branchCounts(db, actor, c),
    resultRows(db, actor, c, { ...query, statuses: query.status ? [query.status] : undefined }),
    countAccountsUnder(db, c.orgPath),
  ]);
  const totals: StatusCounts = { members: 0, notStarted: 0, inProgress: 0, passed: 0, failed: 0 };
  for (const b of branches) {
    for (const k of Object.keys(totals) as (keyof StatusCounts)[]) totals[k] += b[k];
  }
  return {
    campaignId: c.id,
    title: c.title,
    orgPath: c.orgPath,
    totals,
    countedAt: foldedAt && chinaMinute(foldedAt),
    // The campaign's org lies in the caller's scope, and scopes are whole subtrees, so every
    // account under it is one of the members counted.
    withoutAccount: Math.max(0, totals.members - withAccount),
    branches,
    items: page.items,
    nextCursor: page.nextCursor,
  };
}

/**
 * Every member of the campaign in one of `statuses` (all when none are given), read page by
 * page: for reminders and the export, which need the whole list, not a screen of it.
 */
export async function campaignMembers(
  db: Queryable,
  actor: Actor,
  id: number,
  statuses?: ResultRow["status"][],
) {
  authorizeManage(actor);
  const c = await findCampaign(db, actor, id);
  if (!c) throw campaignNotFound();
  const items = await allPages((after) =>
    resultRows(db, actor, c, { statuses, after, limit: MAX_PAGE }),
  );
  return { campaign: c, items };
}
