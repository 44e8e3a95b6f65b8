import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { orgLabels } from "../../orgs/member-homes.ts";
import { sittingsOf } from "../attempts/attempts.repo.ts";
import { campaignAbilities } from "../study.policy.ts";
import type { CampaignRow } from "./campaigns.repo.ts";
import type { Campaign } from "./campaigns.schemas.ts";

/** Campaign rows as the API shows them: org names, question count, and the caller's abilities. */
export async function presentCampaigns(
  db: Queryable,
  actor: Actor | null,
  rows: CampaignRow[],
): Promise<Campaign[]> {
  const now = Date.now();
  const [orgs, sittings] = await Promise.all([
    orgLabels(
      db,
      rows.map((c) => c.orgId),
    ),
    sittingsOf(
      db,
      rows.map((c) => c.id),
    ),
  ]);
  return rows.map(({ orgPath, ...c }) => {
    // A published campaign past its end reads as closed; nothing needs to run to close it.
    const status = c.status === "published" && Date.parse(c.endsAt) < now ? "closed" : c.status;
    const sat = sittings.get(c.id) ?? 0;
    return {
      ...c,
      status,
      orgName: orgs.get(c.orgId)?.name ?? "",
      questionCount: c.rules.reduce((n, r) => n + r.count, 0),
      sittings: sat,
      can: actor
        ? campaignAbilities(actor, { orgPath, status, sittings: sat })
        : { edit: false, publish: false, withdraw: false, results: false },
    };
  });
}
