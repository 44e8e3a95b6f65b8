// Values a zod schema accepts, as fast-check arbitraries: the property tests send them through
// the routes so that fuzzed bodies reach the use cases, not only the validator. zod-fast-check
// supports zod 3 and fast-check 3 only; this covers what our schemas use (zod 4 definitions).

import fc from "fast-check";
import type { ZodType } from "zod";

/** Arbitraries for fields by name (`orgId`, `memberIds` ...), mixed with the schema's own. */
export type Hints = Record<string, fc.Arbitrary<unknown>>;

export class Unsupported extends Error {}

interface Check {
  check: string;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: number | bigint;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
}

interface Def {
  type: string;
  checks?: { _zod: { def: Check } }[];
  coerce?: boolean;
  format?: string;
  shape?: Record<string, ZodType>;
  element?: ZodType;
  innerType?: ZodType;
  in?: ZodType;
  out?: ZodType;
  options?: ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  keyType?: ZodType;
  valueType?: ZodType;
  getter?: () => ZodType;
  catchall?: ZodType;
}

const defOf = (schema: ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def) => (def.checks ?? []).map((c) => c._zod.def);

/** Text a Party worker might type, with the odd emoji, bidi mark or broken surrogate. */
const han = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
const odd = fc.constantFrom(
  " ",
  "\n",
  "\t",
  "·",
  "（",
  "😀",
  "\u202e",
  "\u200b",
  "\ud800",
  "'",
  "%",
);
const textUnit = fc.oneof(
  { arbitrary: han, weight: 6 },
  { arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }), weight: 3 },
  { arbitrary: odd, weight: 1 },
);

function text(min: number, max: number) {
  return fc
    .array(textUnit, { minLength: min, maxLength: Math.min(max, min + 40) })
    .map((u) => u.join(""));
}

const isoDate = fc
  .date({
    min: new Date("1900-01-01T00:00:00Z"),
    max: new Date("2199-12-31T00:00:00Z"),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));

function stringArb(def: Def): fc.Arbitrary<unknown> {
  const checks = checksOf(def);
  let min = 0;
  let max = 200;
  let exact: number | undefined;
  let pattern: RegExp | undefined;
  let format = def.format;
  for (const c of checks) {
    if (c.check === "min_length") min = Math.max(min, c.minimum ?? 0);
    if (c.check === "max_length") max = Math.min(max, c.maximum ?? max);
    if (c.check === "length_equals") exact = c.length;
    if (c.check === "string_format") {
      if (c.format === "regex" || c.format === "starts_with") pattern = c.pattern;
      else format = c.format;
    }
  }
  if (format === "date") return isoDate;
  if (format === "datetime") return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (format === "uuid") return fc.uuid();
  if (format === "url") return fc.webUrl();
  if (format === "email") return fc.emailAddress();
  if (format) throw new Unsupported(`string format ${format}`);
  if (pattern) return fc.stringMatching(pattern);
  if (exact !== undefined) return text(exact, exact);
  return text(min, Math.max(min, max));
}

function numberArb(def: Def): fc.Arbitrary<unknown> {
  let min = -(2 ** 31);
  let max = 2 ** 31;
  let int = false;
  for (const c of checksOf(def)) {
    const v = Number(c.value);
    if (c.check === "greater_than") min = Math.max(min, c.inclusive ? v : v + (int ? 1 : 1e-9));
    if (c.check === "less_than") max = Math.min(max, c.inclusive ? v : v - (int ? 1 : 1e-9));
    if (c.check === "number_format") int = true;
  }
  if (int) {
    // greater_than(0) exclusive on an int: the smallest is 1.
    const lo = Math.ceil(min);
    const hi = Math.floor(max);
    return fc.integer({
      min: Math.max(lo, Number.MIN_SAFE_INTEGER),
      max: Math.min(hi, Number.MAX_SAFE_INTEGER),
    });
  }
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function arrayArb(def: Def, element: fc.Arbitrary<unknown>) {
  let min = 0;
  let max = 6;
  for (const c of checksOf(def)) {
    if (c.check === "min_length") min = c.minimum ?? 0;
    if (c.check === "max_length") max = Math.min(c.maximum ?? max, Math.max(min, 6));
    if (c.check === "length_equals") min = max = c.length ?? 0;
  }
  return fc.array(element, { minLength: min, maxLength: Math.max(min, max) });
}

/** Whether the key may be left out of an object (optional, or filled by a default). */
function optional(schema: ZodType): boolean {
  const def = defOf(schema);
  if (def.type === "optional" || def.type === "default") return true;
  if (def.type === "pipe" && def.in) return optional(def.in);
  return false;
}

/**
 * Only what `schema` accepts; a refinement the generator almost never meets (a URL in a plain
 * string) fails loudly, naming the field to give a hint for, instead of looping for ever.
 */
function accepted(a: fc.Arbitrary<unknown>, schema: ZodType, key?: string) {
  let misses = 0;
  return a.filter((v) => {
    if (schema.safeParse(v).success) {
      misses = 0;
      return true;
    }
    misses += 1;
    if (misses > 2000) throw new Unsupported(`no valid value found for "${key}": give a hint`);
    return false;
  });
}

function build(schema: ZodType, hints: Hints, key?: string): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const hint = key === undefined ? undefined : hints[key];
  const own = (): fc.Arbitrary<unknown> => {
    switch (def.type) {
      case "string":
        return stringArb(def);
      case "number":
        return numberArb(def);
      case "boolean":
        return fc.boolean();
      case "null":
        return fc.constant(null);
      case "literal":
        return fc.constantFrom(...(def.values ?? []));
      case "enum":
        return fc.constantFrom(...Object.values(def.entries ?? {}));
      case "unknown":
      case "any":
        return fc.jsonValue();
      case "optional":
      case "default":
      case "prefault":
        return build(def.innerType as ZodType, hints, key);
      case "nullable":
        return fc.option(build(def.innerType as ZodType, hints, key), { nil: null, freq: 5 });
      case "readonly":
      case "catch":
        return build(def.innerType as ZodType, hints, key);
      case "lazy":
        return build((def.getter as () => ZodType)(), hints, key);
      case "pipe":
        // A transform's input is what travels; a pipe into a schema narrows what the input gave.
        return build(def.in as ZodType, hints, key);
      case "array": {
        const element = build(def.element as ZodType, hints, key);
        return arrayArb(def, element);
      }
      case "object": {
        const shape = def.shape ?? {};
        const record: Record<string, fc.Arbitrary<unknown>> = {};
        const required: string[] = [];
        for (const [k, v] of Object.entries(shape)) {
          record[k] = build(v, hints, k);
          if (!optional(v)) required.push(k);
        }
        return fc.record(record, { requiredKeys: required });
      }
      case "record":
        return fc.dictionary(
          build(def.keyType as ZodType, hints) as fc.Arbitrary<string>,
          build(def.valueType as ZodType, hints),
          { maxKeys: 5 },
        );
      case "union":
        return fc.oneof(...(def.options ?? []).map((o) => build(o, hints, key)));
      default:
        throw new Unsupported(`zod type ${def.type}`);
    }
  };
  const base = own();
  const leaf = def.type === "string" || def.type === "number" || def.type === "pipe";
  // A leaf's own refinements (no control characters, a date that exists) are met here, so
  // that a body of many fields is rarely thrown away whole.
  const valid = (a: fc.Arbitrary<unknown>) => (leaf ? accepted(a, schema, key) : a);
  if (!hint || def.type === "object") return valid(base);
  // An array whose key has a hint holds hinted elements (memberIds: ids of real members).
  if (def.type === "array") return fc.oneof({ arbitrary: arrayArb(def, hint), weight: 4 }, base);
  if (!leaf) return base;
  return valid(fc.oneof({ arbitrary: hint, weight: 4 }, { arbitrary: base, weight: 1 }));
}

/**
 * Values `schema` accepts. Fields named in `hints` mostly take the hinted values (real ids of
 * the test's own tree), so that a body gets past "not found" into the use case. Refinements the
 * walk cannot see (a date that exists, "give one of two fields") are met by filtering.
 */
export function validValues(schema: ZodType, hints: Hints = {}): fc.Arbitrary<unknown> {
  return build(schema, hints).filter((v) => schema.safeParse(v).success);
}
