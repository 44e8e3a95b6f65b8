import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { AppContext } from "../../../platform/context.ts";
import { withTx } from "../../../platform/db/pool.ts";
import { InvalidState } from "../../../platform/errors.ts";
import { EFFECTS, MACHINES } from "../case-types.ts";
import { requireHandler } from "../cases.policy.ts";
import type { TransitionBody } from "../cases.schemas.ts";
import { findFiler, insertEvent } from "./case-events.repo.ts";
import { findCase, setHandler, setState } from "./cases.repo.ts";
import { queueFilerNotice } from "./filer-notices.ts";
import { isFinal, nextState } from "./machine.ts";

/**
 * One step of a case by its handler, checked against the case type's machine: the state
 * change, its event (the feedback the filer reads, the internal note they never see) and
 * its audit row commit together, under a lock on the case so two handlers cannot race.
 * The first handler to take a step becomes the case's handler if none was assigned.
 */
export async function applyTransition(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  caseId: number,
  name: string,
  body: TransitionBody,
) {
  return withTx(ctx.db, async (tx) => {
    const filer = await findFiler(tx, caseId);
    const c = requireHandler(actor, await findCase(tx, caseId, true), filer, ctx.cipher);
    const machine = MACHINES[c.caseType];
    if (machine.ownSteps) {
      throw new InvalidState({
        "zh-CN": "此类案件须通过其专门的办理页面办理",
        "en-US": "This kind of case is handled through its own steps",
      });
    }
    const to = nextState(machine, c.state, name, "handler", body);
    const final = isFinal(machine, to);
    const outcome = machine.transitions[name]?.outcome ?? body.outcome ?? null;
    await setState(tx, c.id, to, final, outcome);
    if (c.handlerUserId === null) await setHandler(tx, c.id, actor.userId);
    const meta: Record<string, unknown> = { transition: name };
    if (outcome) meta.outcome = outcome;
    if (body.destination) meta.destination = body.destination;
    if (body.reference) meta.reference = body.reference;
    if (body.consent !== undefined) meta.consent = body.consent;
    const effect = EFFECTS[c.caseType]?.[name];
    if (effect) Object.assign(meta, await effect(tx, ctx, actor, audit, c, body));
    if (body.note) {
      await insertEvent(tx, {
        caseId: c.id,
        kind: "note",
        visibleToFiler: false,
        actorUserId: actor.userId,
        byFiler: false,
        body: ctx.cipher.encrypt(body.note),
        meta: { transition: name },
      });
    }
    await insertEvent(tx, {
      caseId: c.id,
      kind: "transition",
      fromState: c.state,
      toState: to,
      // The filer sees that their case moved and, at the end, the reply written for them.
      visibleToFiler: true,
      actorUserId: actor.userId,
      byFiler: false,
      body: body.feedback ? ctx.cipher.encrypt(body.feedback) : null,
      meta,
    });
    await queueFilerNotice(tx, c.id);
    await recordAudit(tx, audit, {
      action: `case.${name}`,
      entityType: "case",
      entityId: c.id,
      orgPath: c.orgPath,
      before: { state: c.state },
      after: { state: to, ...meta },
    });
    return { id: c.id, state: to };
  });
}
