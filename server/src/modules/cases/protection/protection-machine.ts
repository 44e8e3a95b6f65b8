import type { CaseMachine } from "../core/machine.ts";

/**
 * 保护与澄清正名 (Art 24): a member (or their secretary for them) applies; the organization
 * assesses, coordinates with departments and records measures; where an accusation proved
 * false it publishes a clarification, only with the member's consent.
 */
export const protectionMachine = {
  type: "protection",
  initial: "applied",
  states: {
    applied: { label: { "zh-CN": "待受理", "en-US": "Awaiting acceptance" } },
    assessing: { label: { "zh-CN": "核实评估中", "en-US": "Being assessed" } },
    protecting: { label: { "zh-CN": "保护措施落实中", "en-US": "Measures in place" } },
    closed: { label: { "zh-CN": "已办结", "en-US": "Closed" }, final: true },
  },
  transitions: {
    accept: {
      from: ["applied"],
      to: "assessing",
      by: ["handler"],
      label: { "zh-CN": "受理", "en-US": "accepted" },
    },
    record_measures: {
      from: ["assessing", "protecting"],
      to: "protecting",
      by: ["handler"],
      requires: ["note"],
      label: { "zh-CN": "记录协调部门与保护措施", "en-US": "given measures" },
    },
    publish_clarification: {
      from: ["assessing", "protecting"],
      to: "protecting",
      by: ["handler"],
      requires: ["note", "consent", "statement", "scope"],
      label: { "zh-CN": "发布澄清正名", "en-US": "given a published clarification" },
    },
    close: {
      from: ["assessing", "protecting"],
      to: "closed",
      by: ["handler"],
      requires: ["outcome", "feedback"],
      label: { "zh-CN": "办结", "en-US": "closed" },
    },
    decline: {
      from: ["applied"],
      to: "closed",
      by: ["handler"],
      requires: ["outcome", "feedback"],
      label: { "zh-CN": "不予受理", "en-US": "declined" },
    },
  },
  outcomes: {
    protected: { "zh-CN": "已协调有关部门采取保护措施", "en-US": "Protected" },
    clarified: { "zh-CN": "已澄清正名", "en-US": "Name cleared" },
    not_established: { "zh-CN": "经核实，情况不属实", "en-US": "Not established" },
    referred: { "zh-CN": "已移交有关部门依法处理", "en-US": "Referred to the authorities" },
  },
  awaitingAck: ["applied"],
  awaitingFeedback: ["applied", "assessing", "protecting"],
  // A case opened because a report was a false accusation (Art 12) may open a discipline case
  // for the accuser; the opener checks it was opened that way.
  links: { discipline_for_accuser: { states: ["assessing", "protecting", "closed"] } },
} as const satisfies CaseMachine;

export type ProtectionState = keyof typeof protectionMachine.states;
