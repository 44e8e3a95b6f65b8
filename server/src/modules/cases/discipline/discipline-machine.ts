import type { CaseMachine, GuardFacts } from "../core/machine.ts";

type Text = { "zh-CN": string; "en-US": string };

/**
 * What the guards read, looked up by `disciplineFacts` from the case's own row: dates as
 * YYYY-MM-DD strings (Beijing), so comparing them as strings compares the days.
 */
export interface DisciplineFacts {
  today: string;
  noticeOn: string | null;
  defenceDueOn: string | null;
  defenceOn: string | null;
  /** Points of the member's defence the handler has not yet answered. */
  unansweredPoints: number;
  appealDueOn: string | null;
}

const f = (facts: GuardFacts) => facts as unknown as DisciplineFacts;

const noDecisionBeforeDefence = (facts: GuardFacts): Text | null => {
  const x = f(facts);
  if (!x.noticeOn || !x.defenceDueOn) {
    return {
      "zh-CN": "尚未向党员送达告知书，不能作出处理决定",
      "en-US": "No decision before the member has been given notice",
    };
  }
  if (!x.defenceOn && x.today <= x.defenceDueOn) {
    return {
      "zh-CN": `陈述申辩期限至 ${x.defenceDueOn} 届满，党员尚未陈述申辩，期满前不能作出处理决定`,
      "en-US": `The member may answer until ${x.defenceDueOn}; no decision before then`,
    };
  }
  if (x.defenceOn && x.unansweredPoints > 0) {
    return {
      "zh-CN": `党员的陈述申辩还有 ${x.unansweredPoints} 条意见未逐条答复，不能作出处理决定`,
      "en-US": `${x.unansweredPoints} points of the defence have no answer yet`,
    };
  }
  return null;
};

const withinDefencePeriod = (facts: GuardFacts): Text | null => {
  const x = f(facts);
  return x.defenceDueOn && x.today <= x.defenceDueOn
    ? null
    : {
        "zh-CN": `陈述申辩期限已于 ${x.defenceDueOn ?? "—"} 届满`,
        "en-US": "The period for a defence has ended",
      };
};

const withinAppealPeriod = (facts: GuardFacts): Text | null => {
  const x = f(facts);
  return x.appealDueOn && x.today <= x.appealDueOn
    ? null
    : {
        "zh-CN": `申诉期限已于 ${x.appealDueOn ?? "—"} 届满`,
        "en-US": "The period for an appeal has ended",
      };
};

const appealPeriodOver = (facts: GuardFacts): Text | null => {
  const x = f(facts);
  return x.appealDueOn && x.today > x.appealDueOn
    ? null
    : {
        "zh-CN": `申诉期限至 ${x.appealDueOn ?? "—"} 届满，期满前处理决定不能生效办结`,
        "en-US": "The decision stands open to appeal until the period ends",
      };
};

/**
 * 纪律审查 (Art 28): opened by a handler with scope; investigated; the member is given notice
 * of the facts and provisions (告知) and may answer (陈述申辩) until a set date; each point of
 * the answer is responded to; only then is a measure decided. The member may appeal (申诉)
 * within a set period to the next level up, which upholds, changes or revokes it.
 */
export const disciplineMachine = {
  type: "discipline",
  initial: "investigating",
  ownSteps: true,
  states: {
    investigating: { label: { "zh-CN": "审查调查中", "en-US": "Under investigation" } },
    notified: { label: { "zh-CN": "已告知，待陈述申辩", "en-US": "Notice given" } },
    defended: { label: { "zh-CN": "已陈述申辩", "en-US": "Defence received" } },
    decided: { label: { "zh-CN": "已作出处理决定", "en-US": "Decided" } },
    appealed: { label: { "zh-CN": "申诉复查中", "en-US": "Under appeal" } },
    closed: { label: { "zh-CN": "已办结", "en-US": "Closed" }, final: true },
  },
  transitions: {
    serve_notice: {
      from: ["investigating"],
      to: "notified",
      by: ["handler"],
      label: { "zh-CN": "送达告知书", "en-US": "given notice" },
    },
    submit_defence: {
      from: ["notified"],
      to: "defended",
      by: ["member"],
      guard: withinDefencePeriod,
      label: { "zh-CN": "陈述申辩", "en-US": "answered" },
    },
    respond_defence: {
      from: ["defended"],
      to: "defended",
      by: ["handler"],
      label: { "zh-CN": "答复陈述申辩意见", "en-US": "given answers to the defence" },
    },
    decide: {
      from: ["notified", "defended"],
      to: "decided",
      by: ["handler"],
      guard: noDecisionBeforeDefence,
      label: { "zh-CN": "作出处理决定", "en-US": "decided" },
    },
    dismiss: {
      from: ["investigating", "notified", "defended"],
      to: "closed",
      by: ["handler"],
      outcome: "dismissed",
      label: { "zh-CN": "撤销案件、不予追究", "en-US": "dismissed" },
    },
    appeal: {
      from: ["decided"],
      to: "appealed",
      by: ["member"],
      guard: withinAppealPeriod,
      label: { "zh-CN": "提出申诉", "en-US": "appealed" },
    },
    finalize: {
      from: ["decided"],
      to: "closed",
      by: ["system", "handler"],
      guard: appealPeriodOver,
      outcome: "decided",
      label: { "zh-CN": "申诉期满，处理决定生效", "en-US": "final after the appeal period" },
    },
    review_appeal: {
      from: ["appealed"],
      to: "closed",
      by: ["handler"],
      requires: ["outcome"],
      label: { "zh-CN": "作出申诉复查决定", "en-US": "reviewed on appeal" },
    },
  },
  outcomes: {
    dismissed: { "zh-CN": "经审查，不予追究", "en-US": "Dismissed" },
    decided: { "zh-CN": "处理决定已生效", "en-US": "Decision final" },
    upheld: { "zh-CN": "申诉复查：维持原处理决定", "en-US": "Upheld on appeal" },
    changed: { "zh-CN": "申诉复查：变更原处理决定", "en-US": "Changed on appeal" },
    revoked: { "zh-CN": "申诉复查：撤销原处理决定", "en-US": "Revoked on appeal" },
  },
  // The defence and appeal dates are this type's deadlines; the core's two do not apply.
  awaitingAck: [],
  awaitingFeedback: [],
} as const satisfies CaseMachine;

export type DisciplineState = keyof typeof disciplineMachine.states;
export type DisciplineStep = keyof typeof disciplineMachine.transitions;

/**
 * The measures of Art 28 as 党内 practice names them: the lighter 处理 (批评教育 through 组织处理),
 * and the five 纪律处分 of the 纪律处分条例 from 警告 to 开除党籍.
 */
export const MEASURES = {
  criticism: { "zh-CN": "批评教育", "en-US": "Criticism and education" },
  reminder_talk: { "zh-CN": "提醒谈话", "en-US": "Reminder talk" },
  admonition: { "zh-CN": "诫勉", "en-US": "Admonition" },
  organizational: { "zh-CN": "组织处理", "en-US": "Organizational measure" },
  warning: { "zh-CN": "党内警告", "en-US": "Warning" },
  serious_warning: { "zh-CN": "党内严重警告", "en-US": "Serious warning" },
  removal_from_post: { "zh-CN": "撤销党内职务", "en-US": "Removal from Party posts" },
  probation: { "zh-CN": "留党察看", "en-US": "Probation within the Party" },
  expulsion: { "zh-CN": "开除党籍", "en-US": "Expulsion" },
} as const;
export type Measure = keyof typeof MEASURES;
export const MEASURE_CODES = Object.keys(MEASURES) as [Measure, ...Measure[]];
export const SANCTIONS: readonly Measure[] = [
  "warning",
  "serious_warning",
  "removal_from_post",
  "probation",
  "expulsion",
];
