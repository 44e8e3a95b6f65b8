import type { FastifyInstance } from "fastify";
import { BadInput } from "./errors.ts";

/** A UTF-16 surrogate that is not half of a pair: no Unicode character, so no UTF-8 for it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when PostgreSQL cannot store the text (NUL) or it is not Unicode (a lone surrogate). */
export function unstorable(text: string): boolean {
  return text.includes("\u0000") || LONE_SURROGATE.test(text);
}

/** The dotted path of the first string under `value` that cannot be stored, or null. */
function firstUnstorable(value: unknown, path: string[]): string[] | null {
  if (typeof value === "string") return unstorable(value) ? path : null;
  if (value === null || typeof value !== "object" || Buffer.isBuffer(value)) return null;
  for (const [key, inner] of Object.entries(value)) {
    if (unstorable(key)) return [...path, "key"];
    const found = firstUnstorable(inner, [...path, key]);
    if (found) return found;
  }
  return null;
}

/**
 * One place refuses, for every route, text that cannot be stored or is not Unicode: a NUL byte
 * (PostgreSQL refuses it: the request became a 500) or a lone surrogate (it cannot be encoded:
 * names in headers and file names became 500s). The 400 names the field, as zod errors do, and
 * runs before any schema or use case, so nothing is half-written.
 */
export function registerInputGuard(app: FastifyInstance) {
  // A callback hook: it never waits, and an async one costs a promise on every request.
  app.addHook("preValidation", (req, _reply, done) => {
    done(refusal("params", req.params) ?? refusal("query", req.query) ?? refusal("body", req.body));
  });
}

function refusal(where: string, value: unknown): BadInput | undefined {
  const path = firstUnstorable(value, []);
  if (!path) return undefined;
  const field = path.length > 0 ? path.join(".") : where;
  return new BadInput(
    field,
    {
      "zh-CN": `${field} 含有无法保存的字符（空字符或残缺的 Unicode 字符），请删除后重试`,
      "en-US": `${field} holds characters that cannot be stored (NUL or a broken Unicode character)`,
    },
    "unstorable_text",
  );
}
