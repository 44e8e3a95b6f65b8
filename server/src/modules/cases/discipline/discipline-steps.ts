import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { AppContext } from "../../../platform/context.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { caseNotFound, requireHandler } from "../cases.policy.ts";
import { findFiler, insertEvent } from "../core/case-events.repo.ts";
import { type CaseRow, findCase, setHandler, setState } from "../core/cases.repo.ts";
import { isFinal, nextState, type Party, type TransitionInput } from "../core/machine.ts";
import { cnToday } from "../core/today.ts";
import { type DisciplineRow, findDiscipline } from "./discipline.repo.ts";
import {
  type DisciplineFacts,
  type DisciplineStep,
  disciplineMachine,
} from "./discipline-machine.ts";

export interface Loaded {
  c: CaseRow;
  d: DisciplineRow;
}

/** A discipline case this handler may act on: in scope, no conflict, else 404 / 403. */
export async function loadForHandler(
  db: Queryable,
  ctx: AppContext,
  actor: Actor,
  caseId: number,
  lock = false,
): Promise<Loaded> {
  const filer = await findFiler(db, caseId);
  const c = requireHandler(actor, await findCase(db, caseId, lock), filer, ctx.cipher);
  const d = c.caseType === "discipline" ? await findDiscipline(db, caseId) : null;
  if (!d) throw caseNotFound();
  return { c, d };
}

/**
 * The member's own discipline case, once they have been given notice: before that the
 * investigation is the organization's, and the case does not exist for them. Anyone else
 * gets the same 404 as for a case that does not exist.
 */
export async function loadForMember(
  db: Queryable,
  actor: Actor,
  caseId: number,
  lock = false,
): Promise<Loaded> {
  const c = await findCase(db, caseId, lock);
  const own =
    c?.caseType === "discipline" && actor.memberId !== null && c.subjectMemberId === actor.memberId;
  const d = own ? await findDiscipline(db, caseId) : null;
  if (!c || !d?.noticeOn) throw caseNotFound();
  return { c, d };
}

/** The facts the machine's guards read, from the case's own rows and events. */
export async function disciplineFacts(db: Queryable, d: DisciplineRow): Promise<DisciplineFacts> {
  const events = await db.query<{ kind: string; meta: { points?: number; answered?: number[] } }>(
    `SELECT kind, meta FROM case_events
      WHERE case_id = $1 AND kind IN ('submit_defence', 'respond_defence') ORDER BY id`,
    [d.caseId],
  );
  const points = events.rows.find((e) => e.kind === "submit_defence")?.meta.points ?? 0;
  const answered = new Set(
    events.rows.filter((e) => e.kind === "respond_defence").flatMap((e) => e.meta.answered ?? []),
  );
  return {
    today: await cnToday(db),
    noticeOn: d.noticeOn,
    defenceDueOn: d.defenceDueOn,
    defenceOn: d.defenceOn,
    unansweredPoints: Math.max(0, points - answered.size),
    appealDueOn: d.appealDueOn,
  };
}

export interface StepRecord {
  step: DisciplineStep;
  party: Party;
  input?: TransitionInput;
  /** Who acted: a handler, the member, or null for a job. */
  actorUserId: number | null;
  audit: AuditActor;
  /** The record the step makes (notice, defence, decision…), stored encrypted. */
  record: unknown;
  /** Whether the member reads this record in their own view. */
  toMember: boolean;
  /** What statistics and the audit log may hold in clear: codes, dates, counts; no text. */
  meta?: Record<string, unknown>;
}

/**
 * One due-process step in the caller's transaction: the machine checks state, party and its
 * guard against facts looked up here (never passed in by the caller), then the state, one
 * event holding the step's record and its audit row are written together.
 */
export async function takeStep(tx: Queryable, ctx: AppContext, { c, d }: Loaded, s: StepRecord) {
  const facts = await disciplineFacts(tx, d);
  const to = nextState(disciplineMachine, c.state as never, s.step, s.party, s.input ?? {}, {
    ...facts,
  });
  const rule = disciplineMachine.transitions[s.step];
  const outcome =
    ("outcome" in rule ? rule.outcome : undefined) ??
    (s.input?.outcome as string | undefined) ??
    null;
  await setState(tx, c.id, to, isFinal(disciplineMachine, to), outcome);
  if (s.party === "handler" && c.handlerUserId === null && s.actorUserId !== null) {
    await setHandler(tx, c.id, s.actorUserId);
  }
  const meta = { ...(s.meta ?? {}), ...(outcome ? { outcome } : {}) };
  const eventId = await insertEvent(tx, {
    caseId: c.id,
    kind: s.step,
    fromState: c.state,
    toState: to,
    visibleToFiler: s.toMember,
    actorUserId: s.actorUserId,
    byFiler: s.party === "member",
    body: ctx.cipher.encrypt(JSON.stringify(s.record)),
    meta,
  });
  await recordAudit(tx, s.audit, {
    action: `case.${s.step}`,
    entityType: "case",
    entityId: c.id,
    orgPath: c.orgPath,
    before: { state: c.state },
    after: { state: to, ...meta },
  });
  return { id: c.id, state: to, eventId, today: facts.today };
}
