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
 */
export function applyApiError(
  form: FormInstance,
  error: unknown,
  known: readonly string[],
): boolean {
  if (!(error instanceof ApiError)) return false;
  const path = fieldPath(error.field, known);
  if (!path) return false;
  form.setFields([{ name: path.length === 1 ? path[0] : path, errors: [error.message] }]);
  return true;
}
