import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { type MemberRef, ownMemberRef } from "../../members/member-refs.ts";
import { overseenOrg } from "../accounts/read-accounts.ts";
import { authorize, campaignNotFound, REGISTRY_OVERSEE, requireCadre } from "../registry.policy.ts";
import {
  type CampaignRow,
  campaignsOfMember,
  coverage,
  findCampaign,
  listCampaigns,
} from "./attestation.repo.ts";
import type { CoverageQuery, MyAttestation } from "./attestation.schemas.ts";

const shown = ({ orgPath: _, ...c }: CampaignRow) => c;

export async function listAttestationCampaigns(
  db: Queryable,
  actor: Actor,
  q: { orgId?: number; after?: string; limit: number },
) {
  authorize(actor, REGISTRY_OVERSEE);
  const org = q.orgId === undefined ? null : await overseenOrg(db, actor, q.orgId);
  const page = await listCampaigns(db, actor, {
    orgPath: org?.path,
    after: q.after,
    limit: q.limit,
  });
  return { items: page.items.map(shown), nextCursor: page.nextCursor };
}

/** Who signed and who has not: names of cadres, so the read is audited. */
export async function campaignCoverage(
  db: Queryable,
  actor: Actor,
  audit: AuditActor,
  id: number,
  q: CoverageQuery,
) {
  authorize(actor, REGISTRY_OVERSEE);
  const campaign = await findCampaign(db, actor, id);
  if (!campaign) throw campaignNotFound();
  const page = await coverage(db, campaign, q);
  await recordAudit(db, audit, {
    action: "registry.attestation.read",
    entityType: "registry_attestation_campaign",
    entityId: id,
    orgPath: campaign.orgPath,
    after: { status: q.status ?? null, members: page.items.map((r) => r.memberId) },
  });
  return { campaign: shown(campaign), ...page };
}

function toMine(r: Awaited<ReturnType<typeof campaignsOfMember>>[number]): MyAttestation {
  const { orgPath: _, cadres: _c, signed: _s, signedAt, statement, ...campaign } = r;
  return { campaign, signedAt, statement };
}

/** The cadre's own campaigns, newest first: to sign, or signed with the statement. */
export async function myAttestations(db: Queryable, actor: Actor) {
  const me = await requireCadre(db, actor);
  return { items: (await campaignsOfMember(db, me.id, me.orgPath)).map(toMine) };
}

/** Campaigns the caller still has to sign: none for an account that is not a cadre's. */
export async function pendingAttestations(db: Queryable, actor: Actor): Promise<MyAttestation[]> {
  const me = await ownMemberRef(db, actor);
  if (!me?.isCadre) return [];
  return (await campaignsOfMember(db, me.id, me.orgPath))
    .filter((r) => r.signedAt === null)
    .map(toMine);
}

export async function myAttestation(
  db: Queryable,
  me: MemberRef,
  campaignId: number,
): Promise<MyAttestation> {
  const row = (await campaignsOfMember(db, me.id, me.orgPath)).find((r) => r.id === campaignId);
  if (!row) throw campaignNotFound();
  return toMine(row);
}
