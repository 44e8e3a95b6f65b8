import { type Actor, can } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/pool.ts";
import { MAX_PAGE } from "../../platform/keyset.ts";
import { scopePaths } from "../../platform/scope.ts";
import { countScopedMembers } from "../orgs/member-homes.ts";
import { countOpenRectifications } from "../review/rectification/rectifications.repo.ts";
import { countSubmittedUnder } from "../review/self-review/self-reviews.repo.ts";
import { campaignResults } from "../study/campaigns/campaign-results.ts";
import { listCampaigns } from "../study/campaigns/list-campaigns.ts";
import { countAccountsUnder } from "../users/member-accounts.ts";
import type { OrgSummary } from "./workbench.schemas.ts";

/** A workbench shows a few orgs and campaigns at most; the full picture is on their pages. */
const MAX_ORGS = 5;
const MAX_CAMPAIGNS = 3;
const SOON_DAYS = 7;

/**
 * The open items of each org subtree the caller manages or oversees (outermost grants only):
 * who cannot sign in, self-reviews to check, rectifications open, overdue, due within a week
 * or reported done and waiting for 销号, and the campaigns in progress. A summary with links, not a dashboard.
 */
export async function orgSummaries(db: Db, actor: Actor): Promise<OrgSummary[]> {
  if (!can(actor, "members:read")) return [];
  const paths = scopePaths(actor, "members:read").slice(0, MAX_ORGS);
  const mayReview = can(actor, "review:manage") || can(actor, "review:oversee");
  const mayStudy = can(actor, "study:manage");
  const now = Date.now();
  // Campaigns under way only, newest first: the summary shows a few per org and links on.
  const campaigns = mayStudy
    ? (await listCampaigns(db, actor, { running: true, limit: MAX_PAGE })).items
    : [];
  const soon = new Date(now + (8 + SOON_DAYS * 24) * 3_600_000).toISOString().slice(0, 10);
  const summaries: OrgSummary[] = [];
  for (const path of paths) {
    const grant = actor.grants.find((g) => g.orgPath === path);
    if (!grant) continue;
    const [members, withAccount] = await Promise.all([
      countScopedMembers(db, actor, "members:read", path),
      countAccountsUnder(db, path),
    ]);
    const open = mayReview
      ? await countOpenRectifications(db, actor, path, soon)
      : { open: 0, overdue: 0, dueSoon: 0, toClose: 0 };
    const progress = [];
    for (const c of campaigns) {
      if (progress.length >= MAX_CAMPAIGNS) break;
      const results = await campaignResults(db, actor, c.id, { limit: 1 });
      // Only campaigns run at this org or below it belong to its summary.
      if (!`${results.orgPath}.`.startsWith(`${path}.`)) continue;
      progress.push({
        id: c.id,
        title: c.title,
        endsAt: c.endsAt,
        members: results.totals.members,
        notStarted: results.totals.notStarted,
        passed: results.totals.passed,
      });
    }
    summaries.push({
      orgId: grant.orgId,
      orgName: grant.orgName,
      members,
      withoutAccount: Math.max(0, members - withAccount),
      selfReviewsToCheck: mayReview ? await countSubmittedUnder(db, actor, path) : 0,
      rectificationsOpen: open.open,
      rectificationsOverdue: open.overdue,
      rectificationsDueSoon: open.dueSoon,
      rectificationsToClose: open.toClose,
      campaigns: progress,
      can: { members: true, study: mayStudy, review: mayReview },
    });
  }
  return summaries;
}
