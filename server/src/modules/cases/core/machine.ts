import { BadInput, InvalidState } from "../../../platform/errors.ts";

type Text = { "zh-CN": string; "en-US": string };

/**
 * Who takes a transition: the case's handler (or a handler in scope), the filer, the member a
 * case is about (discipline: the member answers the notice and appeals), or a job.
 */
export type Party = "handler" | "filer" | "member" | "system";

/** What a transition's input must carry before it may be taken. */
export type Requirement =
  | "note"
  | "outcome"
  | "feedback"
  | "handler"
  | "destination"
  | "consent"
  | "statement"
  | "scope"
  | "duplicateOf";

/**
 * How one case leads to another. A report found to be a false accusation opens a protection
 * case for the accused (Art 24); `discipline_for_accuser` is kept for the discipline module
 * (issue 13): the protection case that found the accusation false opens a discipline case for
 * the accuser; `discipline_for_subject` opens one for the member a report named.
 */
export const LINK_TYPES = [
  "protection_for_accused",
  "discipline_for_accuser",
  "duplicate_of",
  "discipline_for_subject",
] as const;
export type LinkType = (typeof LINK_TYPES)[number];

export interface LinkRule<S extends string> {
  /** The states, and when given the outcomes, in which the case may open the linked one. */
  states: readonly S[];
  outcomes?: readonly string[];
}

/** What a guard reads of a case beyond its state: dates and counts the engine looks up. */
export type GuardFacts = Readonly<Record<string, string | number | boolean | null>>;

export interface TransitionRule<S extends string> {
  from: readonly S[];
  to: S;
  by: readonly Party[];
  requires?: readonly Requirement[];
  /** The outcome this transition always records, instead of one the handler picks. */
  outcome?: string;
  /**
   * A condition on the case's facts (a date passed, an answer given); returns why the step is
   * refused, or null. A guarded step without facts is refused: a caller cannot skip the check
   * by not looking the facts up.
   */
  guard?: (facts: GuardFacts) => Text | null;
  label: Text;
}

/**
 * A case type as data: its states, the transitions between them with who may take each and
 * what each requires, and its deadlines. A new case type (declaration findings, discipline)
 * adds a machine; the engine that applies it does not change.
 */
export interface CaseMachine<S extends string = string, T extends string = string> {
  type: "report" | "protection" | "discipline";
  initial: S;
  states: Record<S, { label: Text; final?: boolean }>;
  transitions: Record<T, TransitionRule<S>>;
  /** Outcomes a closing transition may record, with the words the filer sees beside them. */
  outcomes: Record<string, Text>;
  /** States in which the acknowledgement / feedback deadline is still open. */
  awaitingAck: readonly S[];
  awaitingFeedback: readonly S[];
  /** Linked cases this type may open, and when. */
  links?: Partial<Record<LinkType, LinkRule<S>>>;
  /**
   * Steps carry structured records (a notice, a decision) and go through the type's own use
   * cases, never the generic transition endpoint, whose body cannot hold them.
   */
  ownSteps?: boolean;
}

export type TransitionInput = Partial<Record<Requirement, unknown>> & Record<string, unknown>;

const MISSING: Record<Requirement, Text> = {
  note: { "zh-CN": "请填写处理说明", "en-US": "Write what was done" },
  outcome: { "zh-CN": "请选择处理结果", "en-US": "Choose an outcome" },
  feedback: { "zh-CN": "请填写告知举报人的答复", "en-US": "Write the reply the filer will read" },
  handler: { "zh-CN": "请选择承办人", "en-US": "Choose a handler" },
  destination: { "zh-CN": "请填写移交单位或平台", "en-US": "Name where it was passed" },
  consent: {
    "zh-CN": "澄清正名须经本人同意",
    "en-US": "The member's consent is needed to publish a clarification",
  },
  statement: { "zh-CN": "请填写澄清正名的内容", "en-US": "Write the clarification to publish" },
  scope: { "zh-CN": "请选择发布范围", "en-US": "Choose where to publish it" },
  duplicateOf: { "zh-CN": "请填写重复的案件", "en-US": "Name the case this duplicates" },
};

function present(value: unknown): boolean {
  if (typeof value === "string") return value.trim().length > 0;
  if (typeof value === "boolean") return value;
  return value !== undefined && value !== null;
}

/**
 * The state a transition leads to, or a refusal naming why: unknown transition, wrong
 * state, wrong party, or a missing requirement (a 400 naming the field).
 */
export function nextState<S extends string, T extends string>(
  machine: CaseMachine<S, T>,
  state: S,
  transition: string,
  by: Party,
  input: TransitionInput,
  facts?: GuardFacts,
): S {
  const rule = (machine.transitions as Record<string, TransitionRule<S> | undefined>)[transition];
  if (!rule) {
    throw new BadInput("transition", {
      "zh-CN": `没有名为“${transition}”的办理步骤`,
      "en-US": `No step named "${transition}"`,
    });
  }
  if (!rule.from.includes(state)) {
    const label = machine.states[state]?.label ?? { "zh-CN": state, "en-US": state };
    throw new InvalidState({
      "zh-CN": `案件处于“${label["zh-CN"]}”状态，不能${rule.label["zh-CN"]}`,
      "en-US": `The case is "${label["en-US"]}"; it cannot be ${rule.label["en-US"]}`,
    });
  }
  if (!rule.by.includes(by)) {
    throw new InvalidState({
      "zh-CN": `“${rule.label["zh-CN"]}”不由您办理`,
      "en-US": `"${rule.label["en-US"]}" is not yours to take`,
    });
  }
  if (rule.guard) {
    const refusal = facts
      ? rule.guard(facts)
      : { "zh-CN": "缺少办理条件，不能办理此步骤", "en-US": "This step needs the case's facts" };
    if (refusal) throw new InvalidState(refusal);
  }
  for (const need of rule.requires ?? []) {
    if (!present(input[need])) throw new BadInput(need, MISSING[need]);
  }
  // An outcome that a step records itself (重复) is not one to pick when closing otherwise.
  const fixed = Object.values<TransitionRule<S>>(machine.transitions).some(
    (r) => r.outcome !== undefined && r.outcome === input.outcome,
  );
  if (
    input.outcome !== undefined &&
    (!(String(input.outcome) in machine.outcomes) || (fixed && rule.outcome === undefined))
  ) {
    throw new BadInput("outcome", {
      "zh-CN": "处理结果不在可选范围内",
      "en-US": "Unknown outcome",
    });
  }
  return rule.to;
}

/** The transitions a party could take from a state: the abilities the API returns. */
export function availableTransitions<S extends string, T extends string>(
  machine: CaseMachine<S, T>,
  state: S,
  by: Party,
): T[] {
  return (Object.entries(machine.transitions) as [T, TransitionRule<S>][])
    .filter(([, rule]) => rule.from.includes(state) && rule.by.includes(by))
    .map(([name]) => name);
}

/** Whether a case in `state` with `outcome` may open a linked case of `type`. */
export function mayLink<S extends string>(
  machine: CaseMachine<S>,
  type: LinkType,
  state: S,
  outcome: string | null,
): boolean {
  const rule = machine.links?.[type];
  if (!rule?.states.includes(state)) return false;
  return !rule.outcomes || (outcome !== null && rule.outcomes.includes(outcome));
}

export function isFinal<S extends string>(machine: CaseMachine<S>, state: S): boolean {
  return machine.states[state]?.final === true;
}
