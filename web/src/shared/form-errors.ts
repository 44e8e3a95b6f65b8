import type { FormInstance } from "antd";
import { ApiError } from "./api";

/**
 * Where the server's error belongs in a form: "body.name" and "name" both mean the `name`
 * field; "body.org.id" becomes ["org", "id"]. Returns null for whole-request errors.
 */
export function fieldPath(field: string | null, known: readonly string[]): string[] | null {
  if (!field) return null;
  const parts = field.replace(/^(body|query|params)\./, "").split(".");
  const first = parts[0];
  if (!first || !known.includes(first)) return null;
  return parts;
}

/**
 * Puts an API error on the form field it names and reports whether it did, so the caller
 * shows anything else (a conflict, a lost session) as an alert above the form instead.
 * `aliases` names the form field where the body's field differs (startsAt → period); a list
 * index in the path ("rules.1.count") addresses the Form.List row.
 */
export function applyApiError(
  form: FormInstance,
  error: unknown,
  known: readonly string[],
  aliases: Record<string, string> = {},
): boolean {
  if (!(error instanceof ApiError)) return false;
  const path = fieldPath(error.field, [...known, ...Object.keys(aliases)]);
  if (!path) return false;
  const [first, ...rest] = path;
  const name = [aliases[first as string] ?? (first as string), ...rest].map((p) =>
    /^\d+$/.test(p) ? Number(p) : p,
  );
  form.setFields([{ name: name.length === 1 ? name[0] : name, errors: [error.message] }]);
  return true;
}

/**
 * The error an alert above the form should still show: none when it names one of the form's
 * `known` fields, where the form shows it instead.
 */
export function unplacedError(error: unknown, known: readonly string[]): unknown {
  if (error instanceof ApiError && fieldPath(error.field, known)) return null;
  return error;
}

/**
 * The server's message for a control outside an antd form (a list of cards, a lone select),
 * when the error names `field` or a path below it; the caller shows it under that control.
 */
export function messageAt(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError) || !error.field) return undefined;
  const path = error.field.replace(/^(body|query|params)\./, "");
  return path === field || path.startsWith(`${field}.`) ? error.message : undefined;
}
