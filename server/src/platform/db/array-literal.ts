/** What a bulk statement's array parameters hold. */
export type ArrayElement = string | number | boolean | Buffer | null | undefined;

const NEEDS_ESCAPE = /["\\]/;

/**
 * A one-dimensional PostgreSQL array literal, the text node-postgres would send for `values`,
 * built with one join. node-postgres builds it by appending each element to a growing string,
 * which for a 100,000-row roster import's unnest() parameters was the main thread's largest
 * source of garbage (issue 10). Strings are always quoted, so NULL, empty strings, commas,
 * braces and spaces mean what they say; bytea goes as \x-hex, as node-postgres sends it.
 */
export function arrayLiteral(values: readonly ArrayElement[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = "NULL";
    else if (typeof v === "string")
      parts[i] = NEEDS_ESCAPE.test(v) ? `"${v.replace(/["\\]/g, "\\$&")}"` : `"${v}"`;
    else if (Buffer.isBuffer(v)) parts[i] = `"\\\\x${v.toString("hex")}"`;
    else parts[i] = String(v);
  }
  return `{${parts.join(",")}}`;
}
