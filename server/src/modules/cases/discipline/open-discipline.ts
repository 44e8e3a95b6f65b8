import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { can } from "../../../platform/auth/actor.ts";
import { requirePermission } from "../../../platform/auth/plugin.ts";
import type { AppContext } from "../../../platform/context.ts";
import { type Queryable, withTx } from "../../../platform/db/pool.ts";
import { BadInput, Conflict, Forbidden, InvalidState } from "../../../platform/errors.ts";
import { pathInScope, scopeClause } from "../../../platform/scope.ts";
import { memberRefsByIds } from "../../members/member-refs.ts";
import { MACHINES } from "../case-types.ts";
import { CASES_HANDLE, requireHandler } from "../cases.policy.ts";
import { findFiler, insertEvent } from "../core/case-events.repo.ts";
import { insertLink, linksOf } from "../core/case-links.repo.ts";
import { type CaseRow, findCase, insertCase, setHandler } from "../core/cases.repo.ts";
import { type LinkType, mayLink } from "../core/machine.ts";
import { orgIdOf } from "../core/org-path.ts";
import { orgPathForSubject } from "../core/route-case.ts";
import { insertDiscipline, provisionsOf, versionInForce } from "./discipline.repo.ts";
import type { OpenBody } from "./discipline.schemas.ts";
import { findingOrigin } from "./origins.ts";

const bad = (field: string, zh: string, en: string) =>
  new BadInput(field, { "zh-CN": zh, "en-US": en });

/** The provision ids, checked to belong to the version in force on the date of the conduct. */
export async function provisionsInForce(db: Queryable, conductOn: string, ids: number[]) {
  const versionId = await versionInForce(db, conductOn);
  if (versionId === null) {
    throw bad("conductOn", "行为发生时《规定》尚未施行", "The regulation was not in force then");
  }
  const found = await provisionsOf(db, versionId, ids);
  if (found.length !== new Set(ids).size) {
    throw bad(
      "provisionIds",
      "所引条款不属于行为发生时施行的《规定》版本",
      "The provisions are not those of the version in force at the time of the conduct",
    );
  }
  return { versionId, provisions: found };
}

/** The case the discipline case comes from, which this handler must be able to handle. */
async function source(tx: Queryable, ctx: AppContext, actor: Actor, id: number, type: LinkType) {
  const c = requireHandler(
    actor,
    await findCase(tx, id, true),
    await findFiler(tx, id),
    ctx.cipher,
  );
  if (!mayLink(MACHINES[c.caseType], type, c.state, c.outcome)) {
    throw new InvalidState(
      type === "discipline_for_subject"
        ? {
            "zh-CN": "只有经核查属实、以「已移送纪律审查」或「已依规处理」办结的举报，才能据此立案",
            "en-US": "Only a report closed as founded can open a discipline case",
          }
        : {
            "zh-CN": "只有经核查系诬告而启动的澄清正名与保护案件，才能对诬告人立案",
            "en-US": "Only a protection case opened for a false accusation can open one",
          },
    );
  }
  if ((await linksOf(tx, c.id)).some((l) => l.linkType === type && l.direction === "to")) {
    throw new Conflict({ "zh-CN": "已据此案件立案审查", "en-US": "Already opened from this case" });
  }
  return c;
}

/**
 * The false accuser is the filer of the report the protection case came from. Only the
 * protection case's own handler may name them, as only a report's handler may reveal its
 * filer; the report must have had a named filer.
 */
async function accuserOf(tx: Queryable, ctx: AppContext, actor: Actor, protection: CaseRow) {
  if (protection.handlerUserId !== actor.userId) {
    throw new Forbidden({
      "zh-CN": "只有本案承办人可以对诬告人立案",
      "en-US": "Only this case's handler may open a case against the accuser",
    });
  }
  const report = (await linksOf(tx, protection.id)).find(
    (l) => l.linkType === "protection_for_accused" && l.direction === "from",
  );
  const filer = report ? await findFiler(tx, report.otherCaseId) : null;
  if (!filer?.identity) {
    throw new InvalidState({
      "zh-CN": "原举报为匿名举报或无从查明举报人，不能据此立案",
      "en-US": "The report was anonymous: its filer cannot be named",
    });
  }
  const who = JSON.parse(ctx.cipher.decrypt(filer.identity)) as { memberId: number | null };
  if (!who.memberId) throw bad("memberId", "举报人不是党员", "The filer is not a member");
  return who.memberId;
}

async function handlingOrg(
  tx: Queryable,
  actor: Actor,
  member: { id: number; orgPath: string },
  orgId?: number,
) {
  const lowest = await orgPathForSubject(tx, member);
  let path = lowest;
  if (orgId !== undefined) {
    const row = await tx.query<{ path: string }>("SELECT path::text FROM orgs WHERE id = $1", [
      orgId,
    ]);
    path = row.rows[0]?.path ?? "";
    if (!path || !(lowest === path || lowest.startsWith(`${path}.`))) {
      throw bad(
        "orgId",
        "办理组织须为该党员所在组织或其上级组织",
        "Pick the member's org or one above it",
      );
    }
  }
  if (!pathInScope(actor, CASES_HANDLE, path)) {
    throw bad("orgId", "该党员不在您可办理的组织范围内", "The member is outside your scope");
  }
  return path;
}

/**
 * Opens a discipline case (立案): directly, from a review meeting, from a registry finding
 * marked for a case, from a report passed to discipline, or against the false accuser a
 * protection case found. The opener becomes its handler. Nothing reaches the member yet:
 * they learn of the case from its notice.
 */
export async function openDiscipline(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  body: OpenBody,
) {
  requirePermission(can(actor, CASES_HANDLE));
  return withTx(ctx.db, async (tx) => {
    let from: CaseRow | null = null;
    let linkType: LinkType | null = null;
    let memberId = body.memberId;
    let findingId: number | null = null;
    if (body.origin === "report" && body.fromCaseId) {
      linkType = "discipline_for_subject";
      from = await source(tx, ctx, actor, body.fromCaseId, linkType);
      memberId ??= from.subjectMemberId ?? undefined;
    } else if (body.origin === "protection" && body.fromCaseId) {
      linkType = "discipline_for_accuser";
      from = await source(tx, ctx, actor, body.fromCaseId, linkType);
      memberId = await accuserOf(tx, ctx, actor, from);
    } else if (body.origin === "review_meeting") {
      const params: unknown[] = [body.meetingId];
      const scope = scopeClause(actor, CASES_HANDLE, "org_path", params);
      const meeting = await tx.query(
        `SELECT 1 FROM review_meetings WHERE id = $1 AND ${scope}`,
        params,
      );
      if (!meeting.rowCount)
        throw bad("meetingId", "找不到该会议", "No such meeting in your scope");
    } else if (body.origin === "declaration_finding" && body.findingId) {
      // The finding names the cadre; a member typed beside it is not who the case is about.
      memberId = (await findingOrigin(tx, actor, body.findingId)).member.id;
      findingId = body.findingId;
    }
    const [member] = memberId ? await memberRefsByIds(tx, actor, "members:read", [memberId]) : [];
    if (!member) {
      throw bad("memberId", "请从您管辖范围内的党员中选择", "Pick a member within your scope");
    }
    if (member.id === actor.memberId) {
      throw new Forbidden({
        "zh-CN": "不能对本人立案",
        "en-US": "You cannot open a case on yourself",
      });
    }
    const orgPath = await handlingOrg(tx, actor, member, body.orgId);
    const { versionId, provisions } = await provisionsInForce(
      tx,
      body.conductOn,
      body.provisionIds,
    );
    const created = await insertCase(tx, {
      caseType: "discipline",
      prefix: "JL",
      orgId: orgIdOf(orgPath),
      orgPath,
      state: "investigating",
      title: "纪律审查",
      subjectMemberId: member.id,
      details: { provisionIds: [...new Set(provisions.map((p) => p.articleNumber))] },
      linkDigest: null,
      ackDays: 7,
      feedbackDays: 90,
    });
    await insertDiscipline(tx, {
      caseId: created.id,
      origin: body.origin,
      // A meeting named beside another origin is not where the case came from.
      meetingId: body.origin === "review_meeting" ? (body.meetingId ?? null) : null,
      findingId,
      conductOn: body.conductOn,
      versionId,
      provisionIds: provisions.map((p) => p.id),
    });
    await setHandler(tx, created.id, actor.userId);
    await insertEvent(tx, {
      caseId: created.id,
      kind: "filed",
      toState: "investigating",
      visibleToFiler: false,
      actorUserId: actor.userId,
      byFiler: false,
      body: ctx.cipher.encrypt(JSON.stringify({ allegation: body.allegation })),
      meta: findingId ? { origin: body.origin, findingId } : { origin: body.origin },
    });
    await recordAudit(tx, audit, {
      action: "discipline.open",
      entityType: "case",
      entityId: created.id,
      orgPath,
      after: {
        number: created.number,
        origin: body.origin,
        ...(findingId ? { findingId } : {}),
        provisions: provisions.map((p) => p.id),
      },
    });
    if (from && linkType) await link(tx, actor, audit, from, created, linkType);
    return { id: created.id, number: created.number };
  });
}

async function link(
  tx: Queryable,
  actor: Actor,
  audit: AuditActor,
  from: CaseRow,
  to: { id: number; number: string },
  linkType: LinkType,
) {
  await insertLink(tx, { fromCaseId: from.id, toCaseId: to.id, linkType, createdBy: actor.userId });
  for (const [caseId, other, direction] of [
    [from.id, to, "to"],
    [to.id, from, "from"],
  ] as const) {
    await insertEvent(tx, {
      caseId,
      kind: "linked",
      visibleToFiler: false,
      actorUserId: actor.userId,
      byFiler: false,
      body: null,
      meta: { linkType, direction, caseId: other.id, number: other.number },
    });
  }
  await recordAudit(tx, audit, {
    action: "discipline.link",
    entityType: "case",
    entityId: from.id,
    orgPath: from.orgPath,
    after: { linkType, toCase: to.id, number: to.number },
  });
}
