import type { FieldCipher } from "../../../platform/crypto.ts";
import type { Locale as Lang } from "../../../platform/i18n.ts";
import { MACHINES } from "../case-types.ts";
import type { CaseEventRow } from "./case-events.repo.ts";
import type { CaseRow } from "./cases.repo.ts";

function stateLabel(c: Pick<CaseRow, "caseType">, state: string | null, lang: Lang) {
  if (!state) return null;
  const machine = MACHINES[c.caseType];
  return machine.states[state]?.label[lang] ?? state;
}

/** A deadline still waited on and already past. */
function isOverdue(c: CaseRow, today: string): boolean {
  const machine = MACHINES[c.caseType];
  const ack = machine.awaitingAck.includes(c.state) && c.ackDueOn !== null && c.ackDueOn < today;
  const feedback =
    machine.awaitingFeedback.includes(c.state) &&
    c.feedbackDueOn !== null &&
    c.feedbackDueOn < today;
  return ack || feedback;
}

export function presentSummary(c: CaseRow, today: string, lang: Lang) {
  return {
    id: c.id,
    caseType: c.caseType,
    number: c.number,
    title: c.title,
    orgName: c.orgName,
    state: c.state,
    stateLabel: stateLabel(c, c.state, lang) ?? c.state,
    handlerName: c.handlerName,
    openedOn: c.openedOn,
    ackDueOn: c.ackDueOn,
    feedbackDueOn: c.feedbackDueOn,
    closedOn: c.closedOn,
    overdue: isOverdue(c, today),
  };
}

export function outcomeLabel(c: CaseRow, lang: Lang): string | null {
  if (!c.outcome) return null;
  return MACHINES[c.caseType].outcomes[c.outcome]?.[lang] ?? c.outcome;
}

/** Outcomes a handler picks when closing; one that a step records itself is not offered. */
export function outcomeChoices(c: CaseRow, lang: Lang) {
  const machine = MACHINES[c.caseType];
  const fixed = new Set(Object.values(machine.transitions).map((r) => r.outcome));
  return Object.entries(machine.outcomes)
    .filter(([code]) => !fixed.has(code))
    .map(([code, text]) => ({ code, label: text[lang] }));
}

/** Events with their bodies decrypted; the first ("filed") event's body is the filing itself. */
export function presentEvents(c: CaseRow, events: CaseEventRow[], cipher: FieldCipher, lang: Lang) {
  return events.map((e) => ({
    id: e.id,
    kind: e.kind,
    toStateLabel: stateLabel(c, e.toState, lang),
    byFiler: e.byFiler,
    actorName: e.actorName,
    text: e.body && e.kind !== "filed" ? cipher.decrypt(e.body) : null,
    meta: e.meta,
    createdOn: e.createdOn,
    visibleToFiler: e.visibleToFiler,
  }));
}

export function filedFacts(events: CaseEventRow[], cipher: FieldCipher): Record<string, unknown> {
  const filed = events.find((e) => e.kind === "filed");
  return filed?.body ? (JSON.parse(cipher.decrypt(filed.body)) as Record<string, unknown>) : {};
}
