/**
 * The random changes of the rollups property test: which source rows change, in which month,
 * and when folds and org moves fall between them. Indexes pick among what exists at the time.
 */
import fc from "fast-check";

export const MONTHS = ["2025-11", "2025-12", "2026-01", "2026-02", "2026-03"];
const pick = fc.nat({ max: 1_000 });
const month = fc.constantFrom(...MONTHS);
const grade = fc.constantFrom("excellent", "competent", "basically_competent", "incompetent");

// Moves and folds are weighted up so that most moves carry totals already folded.
export const op = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("join" as const), org: pick, month }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant("leave" as const), member: pick, month }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant("transfer" as const), member: pick, org: pick }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant("meeting" as const), org: pick, month }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("open" as const), org: pick, month }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("close" as const), item: pick, month }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant("round" as const),
      org: pick,
      month,
      reopen: fc.boolean(),
      member: pick,
      grades: fc.array(grade, { maxLength: 3 }),
      // A grade changed once the round stands as it ends up: open (not counted) or closed.
      regrade: fc.option(grade),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("case" as const),
      org: pick,
      month,
      type: fc.constantFrom("report", "discipline"),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("endCase" as const),
      item: pick,
      month,
      erase: fc.boolean(),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("campaign" as const),
      org: pick,
      month,
      withdraw: fc.boolean(),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("declare" as const),
      org: pick,
      member: pick,
      month,
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("commend" as const),
      member: pick,
      month,
      approve: fc.boolean(),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("attempts" as const),
      campaign: pick,
      member: pick,
      month,
      passes: fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("practice" as const),
      member: pick,
      month,
      day: fc.integer({ min: 1, max: 28 }),
      complete: fc.boolean(),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({ kind: fc.constant("finishPractice" as const), item: pick }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("grade" as const),
      round: pick,
      member: pick,
      grade: fc.option(grade),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({ kind: fc.constant("toggleRound" as const), round: pick, month }),
    weight: 2,
  },
  {
    arbitrary: fc.record({ kind: fc.constant("move" as const), org: pick, parent: pick }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("fold" as const),
      batch: fc.integer({ min: 1, max: 40 }),
    }),
    weight: 3,
  },
);

export const scenario = fc.record({
  // Parent of org i+1 is one of orgs 0..i: any shape from a chain to a star.
  parents: fc.array(fc.nat(), { minLength: 1, maxLength: 9 }),
  ops: fc.array(op, { minLength: 1, maxLength: 40 }),
});

export type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;
