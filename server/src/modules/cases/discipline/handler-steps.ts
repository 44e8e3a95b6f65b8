import type { z } from "zod";
import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { AppContext } from "../../../platform/context.ts";
import { withTx } from "../../../platform/db/pool.ts";
import { BadInput, Forbidden, InvalidState } from "../../../platform/errors.ts";
import { pathInScope } from "../../../platform/scope.ts";
import { CASES_HANDLE } from "../cases.policy.ts";
import { insertEvent } from "../core/case-events.repo.ts";
import { parentPath } from "../core/org-path.ts";
import { provisionsOf, updateDiscipline } from "./discipline.repo.ts";
import type {
  AppealReviewBody,
  DecisionBody,
  DismissBody,
  NoticeBody,
  RecordBody,
  ResponsesBody,
} from "./discipline.schemas.ts";
import { MEASURES } from "./discipline-machine.ts";
import { scheduleDisciplineDeadline, tellHandlers, tellMember } from "./discipline-notify.ts";
import { disciplineFacts, loadForHandler, takeStep } from "./discipline-steps.ts";

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Provisions of the version in force at the time of the conduct, as a document quotes them. */
async function cite(db: Parameters<typeof provisionsOf>[0], versionId: number, ids: number[]) {
  const found = await provisionsOf(db, versionId, ids);
  if (found.length !== new Set(ids).size) {
    throw new BadInput("provisionIds", {
      "zh-CN": "所引条款不属于行为发生时施行的《规定》版本",
      "en-US": "The provisions are not those of the version in force at the time of the conduct",
    });
  }
  return found;
}

/** 调查: a finding or an interview, internal to the handlers; never part of the member's view. */
export async function addRecord(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  id: number,
  body: z.infer<typeof RecordBody>,
) {
  return withTx(ctx.db, async (tx) => {
    const { c } = await loadForHandler(tx, ctx, actor, id, true);
    if (c.state === "closed") {
      throw new InvalidState({ "zh-CN": "案件已办结", "en-US": "The case is closed" });
    }
    const eventId = await insertEvent(tx, {
      caseId: c.id,
      kind: "note",
      visibleToFiler: false,
      actorUserId: actor.userId,
      byFiler: false,
      body: ctx.cipher.encrypt(body.text),
      meta: { record: body.kind },
    });
    await recordAudit(tx, audit, {
      action: body.kind === "interview" ? "discipline.interview" : "discipline.finding",
      entityType: "case",
      entityId: c.id,
      orgPath: c.orgPath,
      after: { event: eventId },
    });
    return { id: eventId };
  });
}

/** 告知: the facts and provisions, and the date until which the member may answer. */
export async function serveNotice(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  id: number,
  body: z.infer<typeof NoticeBody>,
) {
  return withTx(ctx.db, async (tx) => {
    const loaded = await loadForHandler(tx, ctx, actor, id, true);
    const { c, d } = loaded;
    const provisions = await cite(
      tx,
      d.regulationVersionId,
      body.provisionIds ?? d.citedProvisionIds,
    );
    const today = (await disciplineFacts(tx, d)).today;
    const defenceDueOn = addDays(today, body.defenceDays);
    const done = await takeStep(tx, ctx, loaded, {
      step: "serve_notice",
      party: "handler",
      actorUserId: actor.userId,
      audit,
      record: {
        facts: body.facts,
        provisions,
        conductOn: d.conductOn,
        defenceDueOn,
        orgName: c.orgName,
      },
      toMember: true,
      meta: { defenceDueOn, provisions: provisions.map((p) => p.id) },
    });
    await updateDiscipline(tx, c.id, { noticeOn: today, defenceDueOn });
    await scheduleDisciplineDeadline(tx, c.id, "defence", defenceDueOn);
    await tellMember(tx, c, `您收到纪律审查告知书（${c.number}），请于 ${defenceDueOn} 前陈述申辩`);
    return { id: done.id, state: done.state, defenceDueOn };
  });
}

/** The handler answers points of the defence: adopted or not, and why. */
export async function respondToDefence(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  id: number,
  body: z.infer<typeof ResponsesBody>,
) {
  return withTx(ctx.db, async (tx) => {
    const loaded = await loadForHandler(tx, ctx, actor, id, true);
    const defence = await tx.query<{ meta: { points: number } }>(
      "SELECT meta FROM case_events WHERE case_id = $1 AND kind = 'submit_defence'",
      [id],
    );
    const points = defence.rows[0]?.meta.points ?? 0;
    const wrong = body.responses.find((r) => r.point >= points);
    if (wrong) {
      throw new BadInput("responses", {
        "zh-CN": `陈述申辩只有 ${points} 条意见`,
        "en-US": `The defence has ${points} points`,
      });
    }
    return takeStep(tx, ctx, loaded, {
      step: "respond_defence",
      party: "handler",
      actorUserId: actor.userId,
      audit,
      record: { responses: body.responses },
      // The member reads the answers with the decision, which gives its reasons for them.
      toMember: false,
      meta: { answered: body.responses.map((r) => r.point) },
    });
  });
}

/** 处理决定: refused by the machine before notice and before the defence is heard or overdue. */
export async function decide(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  id: number,
  body: DecisionBody,
) {
  return withTx(ctx.db, async (tx) => {
    const loaded = await loadForHandler(tx, ctx, actor, id, true);
    const { c, d } = loaded;
    const provisions = await cite(tx, d.regulationVersionId, body.provisionIds);
    const { appealDays, provisionIds: _ids, ...decision } = body;
    const today = (await disciplineFacts(tx, d)).today;
    const appealDueOn = addDays(today, appealDays);
    const appealTo =
      c.orgPath === parentPath(c.orgPath) ? c.orgName : await orgName(tx, parentPath(c.orgPath));
    const done = await takeStep(tx, ctx, loaded, {
      step: "decide",
      party: "handler",
      actorUserId: actor.userId,
      audit,
      record: { ...decision, provisions, appealDueOn, appealTo, orgName: c.orgName },
      toMember: true,
      meta: { measure: body.measure, provisions: provisions.map((p) => p.id), appealDueOn },
    });
    await updateDiscipline(tx, c.id, {
      decidedOn: today,
      measure: body.measure,
      appliedProvisionIds: provisions.map((p) => p.id),
      appealDueOn,
      decidedBy: actor.userId,
    });
    await scheduleDisciplineDeadline(tx, c.id, "appeal", appealDueOn);
    await tellMember(
      tx,
      c,
      `对您作出${MEASURES[body.measure]["zh-CN"]}的处理决定（${c.number}）；如不服，可于 ${appealDueOn} 前向${appealTo}申诉`,
    );
    return { id: done.id, state: done.state, appealDueOn };
  });
}

async function orgName(tx: Parameters<typeof provisionsOf>[0], path: string) {
  const row = await tx.query<{ name: string }>("SELECT name FROM orgs WHERE path = $1::ltree", [
    path,
  ]);
  return row.rows[0]?.name ?? "";
}

/** 撤销案件: no breach found. The member hears of it only once they were given notice. */
export async function dismiss(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  id: number,
  body: z.infer<typeof DismissBody>,
) {
  return withTx(ctx.db, async (tx) => {
    const loaded = await loadForHandler(tx, ctx, actor, id, true);
    const noticed = loaded.d.noticeOn !== null;
    const done = await takeStep(tx, ctx, loaded, {
      step: "dismiss",
      party: "handler",
      actorUserId: actor.userId,
      audit,
      record: { reasons: body.reasons },
      toMember: noticed,
    });
    if (noticed)
      await tellMember(tx, loaded.c, `纪律审查案件 ${loaded.c.number} 经审查不予追究，已撤销`);
    return done;
  });
}

/**
 * 申诉复查 at the level above the org that decided: a handler whose scope reaches that level,
 * and never the person who recorded the decision under appeal.
 */
export async function reviewAppeal(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  id: number,
  body: AppealReviewBody,
) {
  return withTx(ctx.db, async (tx) => {
    const loaded = await loadForHandler(tx, ctx, actor, id, true);
    const { c, d } = loaded;
    if (!pathInScope(actor, CASES_HANDLE, parentPath(c.orgPath)) || actor.userId === d.decidedBy) {
      throw new Forbidden({
        "zh-CN": "申诉由作出处理决定的组织的上一级组织复查，原决定的经办人应当回避",
        "en-US": "An appeal is reviewed one level up, not by who recorded the decision",
      });
    }
    const measure =
      body.outcome === "changed"
        ? (body.measure ?? null)
        : body.outcome === "revoked"
          ? null
          : d.measure;
    const done = await takeStep(tx, ctx, loaded, {
      step: "review_appeal",
      party: "handler",
      input: { outcome: body.outcome },
      actorUserId: actor.userId,
      audit,
      record: { ...body, previousMeasure: d.measure },
      toMember: true,
      meta: { measure, previousMeasure: d.measure },
    });
    await updateDiscipline(tx, c.id, {
      appealOutcome: body.outcome,
      appealDecidedOn: done.today,
      measure,
    });
    await tellMember(tx, c, `您对纪律审查案件 ${c.number} 的申诉已有复查决定`);
    await tellHandlers(tx, c, c.orgPath, `纪律审查案件 ${c.number} 的申诉已有复查决定`);
    return done;
  });
}

/** The handler closes a decision nobody appealed, once the period is over (the job does too). */
export async function finalize(ctx: AppContext, actor: Actor, audit: AuditActor, id: number) {
  return withTx(ctx.db, async (tx) => {
    const loaded = await loadForHandler(tx, ctx, actor, id, true);
    const done = await takeStep(tx, ctx, loaded, {
      step: "finalize",
      party: "handler",
      actorUserId: actor.userId,
      audit,
      record: { appealDueOn: loaded.d.appealDueOn },
      toMember: true,
    });
    await tellMember(tx, loaded.c, `纪律审查案件 ${loaded.c.number} 申诉期限已届满，处理决定生效`);
    return done;
  });
}
