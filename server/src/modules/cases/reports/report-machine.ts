import type { CaseMachine } from "../core/machine.ts";

/**
 * 举报 (Art 21): received, accepted (the 7-day acknowledgement), then closed with an outcome
 * the filer reads. Passing a report to a department or an online platform, as Art 21
 * describes, is a step within "accepted" recorded with its reference.
 */
export const reportMachine = {
  type: "report",
  initial: "submitted",
  states: {
    submitted: { label: { "zh-CN": "待受理", "en-US": "Awaiting acceptance" } },
    accepted: { label: { "zh-CN": "办理中", "en-US": "In progress" } },
    closed: { label: { "zh-CN": "已办结", "en-US": "Closed" }, final: true },
  },
  transitions: {
    accept: {
      from: ["submitted"],
      to: "accepted",
      by: ["handler"],
      label: { "zh-CN": "受理", "en-US": "accepted" },
    },
    forward: {
      from: ["accepted"],
      to: "accepted",
      by: ["handler"],
      requires: ["destination"],
      label: { "zh-CN": "移交有关部门或网络平台", "en-US": "passed to a department or platform" },
    },
    close: {
      from: ["accepted"],
      to: "closed",
      by: ["handler"],
      requires: ["outcome", "feedback"],
      label: { "zh-CN": "办结", "en-US": "closed" },
    },
    mark_duplicate: {
      from: ["submitted", "accepted"],
      to: "closed",
      by: ["handler"],
      requires: ["duplicateOf", "feedback"],
      outcome: "duplicate",
      label: { "zh-CN": "作为重复举报办结", "en-US": "closed as a duplicate" },
    },
    decline: {
      from: ["submitted"],
      to: "closed",
      by: ["handler"],
      requires: ["outcome", "feedback"],
      label: { "zh-CN": "不予受理", "en-US": "declined" },
    },
  },
  outcomes: {
    unfounded: { "zh-CN": "经核查，反映问题不属实", "en-US": "Found unfounded" },
    founded_handled: { "zh-CN": "经核查属实，已依规处理", "en-US": "Founded and handled" },
    to_discipline: { "zh-CN": "已移送纪律审查", "en-US": "Passed to discipline" },
    to_authority: { "zh-CN": "已移交有关部门或网络平台", "en-US": "Passed to another authority" },
    not_accepted: { "zh-CN": "不属于受理范围", "en-US": "Outside what this org handles" },
    duplicate: { "zh-CN": "重复", "en-US": "Duplicate" },
  },
  awaitingAck: ["submitted"],
  awaitingFeedback: ["submitted", "accepted"],
  // Closed as unfounded, and the handler finds it was a false accusation (Art 12): the
  // organization clears the accused member's name (Art 24).
  links: {
    protection_for_accused: { states: ["closed"], outcomes: ["unfounded"] },
    // Found true and passed to discipline (Art 28): a discipline case for the member it named.
    discipline_for_subject: { states: ["closed"], outcomes: ["to_discipline", "founded_handled"] },
  },
} as const satisfies CaseMachine;

export type ReportState = keyof typeof reportMachine.states;
