import { describe, expect, it } from "vitest";
import { protectionMachine } from "../protection/protection-machine.ts";
import { reportMachine } from "../reports/report-machine.ts";
import { availableTransitions, type CaseMachine, nextState, type Party } from "./machine.ts";

const full = {
  note: "已与属地网信部门联系",
  outcome: "unfounded",
  feedback: "经核查，反映问题不属实。",
  destination: "微博平台",
  consent: true,
  statement: "经组织核实，网传刘某某在单位群发布不当言论一事不属实，特此澄清。",
  scope: "own_org",
  duplicateOf: 42,
};

// Written out by hand, not derived from the machine, so a change to it must change this too.
const REPORT_ALLOWED: [string, string, string][] = [
  ["submitted", "accept", "accepted"],
  ["submitted", "decline", "closed"],
  ["submitted", "mark_duplicate", "closed"],
  ["accepted", "mark_duplicate", "closed"],
  ["accepted", "forward", "accepted"],
  ["accepted", "close", "closed"],
];
const PROTECTION_ALLOWED: [string, string, string][] = [
  ["applied", "accept", "assessing"],
  ["applied", "decline", "closed"],
  ["assessing", "record_measures", "protecting"],
  ["assessing", "publish_clarification", "protecting"],
  ["assessing", "close", "closed"],
  ["protecting", "record_measures", "protecting"],
  ["protecting", "publish_clarification", "protecting"],
  ["protecting", "close", "closed"],
];

const cases: [string, CaseMachine, [string, string, string][], string][] = [
  ["report", reportMachine, REPORT_ALLOWED, "unfounded"],
  ["protection", protectionMachine, PROTECTION_ALLOWED, "clarified"],
];

describe.each(cases)("the %s machine", (_name, machine, allowed, outcome) => {
  const states = Object.keys(machine.states);
  const transitions = Object.keys(machine.transitions);
  const parties: Party[] = ["handler", "filer", "system"];
  const input = { ...full, outcome };

  for (const state of states) {
    for (const t of transitions) {
      for (const by of parties) {
        const expected = allowed.find(([s, name]) => s === state && name === t);
        const ok = expected !== undefined && by === "handler";
        it(`${ok ? "takes" : "refuses"} ${t} from ${state} by ${by}`, () => {
          if (ok) expect(nextState(machine, state, t, by, input)).toBe(expected?.[2]);
          else expect(() => nextState(machine, state, t, by, input)).toThrow();
        });
      }
    }
  }

  it("names each missing requirement as the field of a 400", () => {
    for (const [state, t] of allowed) {
      const needs = machine.transitions[t]?.requires;
      for (const need of needs ?? []) {
        const partial: Record<string, unknown> = { ...input };
        delete partial[need];
        let field: string | undefined;
        try {
          nextState(machine, state, t, "handler", partial);
        } catch (e) {
          field = (e as { field?: string }).field;
        }
        expect(field, `${t} without ${need}`).toBe(need);
      }
    }
  });

  it("refuses an outcome the case type does not have", () => {
    const closing = allowed.find(([, t]) => t === "close");
    expect(closing).toBeDefined();
    expect(() =>
      nextState(machine, closing?.[0] ?? "", "close", "handler", { ...input, outcome: "x" }),
    ).toThrow();
  });

  it("offers a handler exactly the allowed steps of each state, and the filer none", () => {
    for (const state of states) {
      const mine = allowed.filter(([s]) => s === state).map(([, t]) => t);
      expect(availableTransitions(machine, state, "handler").sort()).toEqual(mine.sort());
      expect(availableTransitions(machine, state, "filer")).toEqual([]);
    }
  });
});

describe("unknown steps", () => {
  it("is a 400 naming the transition", () => {
    try {
      nextState(reportMachine, "submitted", "erase", "handler", full);
      expect.unreachable();
    } catch (e) {
      expect((e as { field?: string }).field).toBe("transition");
    }
  });
});
