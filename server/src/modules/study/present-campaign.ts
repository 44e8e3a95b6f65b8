import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { orgLabels } from "../orgs/member-homes.ts";
import type { CampaignRow } from "./campaigns.repo.ts";
import { campaignAbilities } from "./study.policy.ts";
import type { Campaign } from "./study.schemas.ts";

/** Campaign rows as the API shows them: org names, question count, and the caller's abilities. */
export async function presentCampaigns(
  db: Queryable,
  actor: Actor | null,
  rows: CampaignRow[],
): Promise<Campaign[]> {
  const now = Date.now();
  const orgs = await orgLabels(
    db,
    rows.map((c) => c.orgId),
  );
  return rows.map(({ orgPath, ...c }) => ({
    ...c,
    // A published campaign past its end reads as closed; nothing needs to run to close it.
    status: c.status === "published" && Date.parse(c.endsAt) < now ? "closed" : c.status,
    orgName: orgs.get(c.orgId)?.name ?? "",
    questionCount: c.rules.reduce((n, r) => n + r.count, 0),
    can: actor
      ? campaignAbilities(actor, { orgPath, status: c.status })
      : { edit: false, publish: false, results: false },
  }));
}
