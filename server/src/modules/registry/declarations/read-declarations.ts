import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { NotFound } from "../../../platform/errors.ts";
import { ownMemberRef } from "../../members/member-refs.ts";
import { overseenOrg } from "../accounts/read-accounts.ts";
import { authorize, campaignNotFound, REGISTRY_OVERSEE, requireCadre } from "../registry.policy.ts";
import {
  type CampaignRow,
  campaignsOfMember,
  coverage,
  declarationVersions,
  findCampaign,
  findDeclaration,
  findingsOf,
  listCampaigns,
} from "./declarations.repo.ts";
import type {
  CoverageQuery,
  Declaration,
  DeclarationCampaign,
  MyDeclaration,
} from "./declarations.schemas.ts";

export const declarationNotFound = () =>
  new NotFound({ "zh-CN": "个人有关事项报告", "en-US": "Declaration" });

const shown = ({ orgPath: _, ...c }: CampaignRow): DeclarationCampaign => c;
const brief = ({ cadres: _c, declared: _d, ...c }: DeclarationCampaign) => c;

export async function listDeclarationCampaigns(
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

/** Who declared and who has not, with counts of what each declared; the read is audited. */
export async function declarationCoverage(
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
    action: "registry.declaration.coverage_read",
    entityType: "registry_declaration_campaign",
    entityId: id,
    orgPath: campaign.orgPath,
    after: { status: q.status ?? null, members: page.items.map((r) => r.memberId) },
  });
  return { campaign: shown(campaign), ...page };
}

/** A declaration with every version and the findings recorded on it. */
export async function presentDeclaration(
  db: Queryable,
  actor: Actor,
  id: number,
): Promise<Declaration> {
  const d = await findDeclaration(db, actor, id);
  if (!d) throw declarationNotFound();
  const campaign = await findCampaign(db, null, d.campaignId);
  if (!campaign) throw declarationNotFound();
  const own = d.member.id === actor.memberId;
  return {
    id: d.id,
    campaign: brief(shown(campaign)),
    member: d.member,
    orgTrail: d.orgTrail,
    versions: (await declarationVersions(db, id)) as Declaration["versions"],
    // Findings are the overseers' notes: the cadre's own view does not carry them.
    findings: d.oversee ? await findingsOf(db, id) : [],
    can: { amend: own, recordFinding: d.oversee && !own },
  };
}

/** One declaration; a read of another person's is audited. */
export async function getDeclaration(
  db: Queryable,
  actor: Actor,
  audit: AuditActor,
  id: number,
): Promise<Declaration> {
  const d = await presentDeclaration(db, actor, id);
  if (d.member.id !== actor.memberId) {
    await recordAudit(db, audit, {
      action: "registry.declaration.read",
      entityType: "registry_declaration",
      entityId: id,
      after: { member: d.member.id },
    });
  }
  return d;
}

type MineRow = Awaited<ReturnType<typeof campaignsOfMember>>[number];
const toMine = (r: MineRow): MyDeclaration => {
  const { declarationId, version, declaredAt, ...campaign } = r;
  return { campaign: brief(shown(campaign)), declarationId, version, declaredAt };
};

export async function myDeclarations(db: Queryable, actor: Actor) {
  const me = await requireCadre(db, actor);
  return { items: (await campaignsOfMember(db, me.id, me.orgPath)).map(toMine) };
}

/** Campaigns the caller has not declared for yet: none for an account not a cadre's. */
export async function pendingDeclarations(db: Queryable, actor: Actor): Promise<MyDeclaration[]> {
  const me = await ownMemberRef(db, actor);
  if (!me?.isCadre) return [];
  return (await campaignsOfMember(db, me.id, me.orgPath))
    .filter((r) => r.declarationId === null)
    .map(toMine);
}
