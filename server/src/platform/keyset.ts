import { z } from "zod";
import { BadInput } from "./errors.ts";

/**
 * Keyset ("seek") paging for lists sorted on several columns: the next page starts after the
 * last row's sort values, found through the list's index whatever the depth, and a row added
 * or removed meanwhile never shifts a page. The cursor carries only values of a row the caller
 * was shown, so it tells them nothing new; forging one only moves where their own list starts.
 */
export type KeyType = "date" | "timestamptz" | "int" | "text" | "boolean";

export interface KeyColumn {
  /** A non-null SQL expression of the listed row. */
  sql: string;
  type: KeyType;
  desc?: boolean;
}

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 500;

/** A base64url JSON array of scalars: what every cursor is, whichever list it belongs to. */
function cursorShaped(cursor: string): boolean {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return false;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return (
      Array.isArray(values) &&
      values.length > 0 &&
      values.every((v) => ["string", "number", "boolean"].includes(typeof v))
    );
  } catch {
    return false;
  }
}

/**
 * The query fields every keyset list takes. The schema refuses what is no cursor at all; the
 * list itself refuses a cursor of another list's shape (decodeCursor), both as 400 on `after`.
 */
export const CursorQuery = {
  after: z
    .string()
    .max(2000)
    .refine(cursorShaped, {
      message: "翻页游标无效或已过期，请从第一页重新查看 / The page cursor is not valid",
    })
    .optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
};

/** `nextCursor` is null on the last page: the web app shows "load more" only while it is not. */
export const nextCursorField = z.string().nullable();

/** The key columns as an ORDER BY list. */
export function keysetOrder(keys: KeyColumn[]): string {
  return keys.map((k) => `${k.sql}${k.desc ? " DESC" : ""}`).join(", ");
}

/** A select-list item holding the row's sort values as PostgreSQL prints them (full precision). */
export function keysetSelect(keys: KeyColumn[]): string {
  return `json_build_array(${keys.map((k) => k.sql).join(", ")}) AS "keysetCursor"`;
}

/**
 * The WHERE condition "after the cursor's row", pushing the cursor's values onto `params`;
 * null when there is no cursor. Mixed directions rule out a row comparison, so it is spelled
 * out: k1 after v1, or k1 = v1 and k2 after v2, and so on.
 */
export function keysetAfter(
  keys: KeyColumn[],
  cursor: string | undefined,
  params: unknown[],
): string | null {
  if (cursor === undefined) return null;
  const values = decodeCursor(keys, cursor);
  const refs = values.map((v, i) => {
    params.push(v);
    return `$${params.length}::${sqlType((keys[i] as KeyColumn).type)}`;
  });
  const terms = keys.map((k, i) => {
    const equal = keys.slice(0, i).map((e, j) => `${e.sql} = ${refs[j]}`);
    return `(${[...equal, `${k.sql} ${k.desc ? "<" : ">"} ${refs[i]}`].join(" AND ")})`;
  });
  return `(${terms.join(" OR ")})`;
}

/** Rows fetched with LIMIT page + 1: the page, and the cursor to the next one if there is one. */
export function keysetPage<T extends { keysetCursor: unknown[] }>(
  rows: T[],
  limit: number,
): { items: Omit<T, "keysetCursor">[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const items = page.map(({ keysetCursor: _, ...item }) => item);
  return {
    items,
    nextCursor:
      rows.length > limit && last
        ? Buffer.from(JSON.stringify(last.keysetCursor)).toString("base64url")
        : null,
  };
}

function sqlType(type: KeyType): string {
  return type === "int" ? "bigint" : type;
}

const badCursor = () =>
  new BadInput("after", {
    "zh-CN": "翻页游标无效或已过期，请从第一页重新查看",
    "en-US": "The page cursor is not valid; start again from the first page",
  });

function decodeCursor(keys: KeyColumn[], cursor: string): unknown[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(values) || values.length !== keys.length) throw badCursor();
  keys.forEach((k, i) => {
    if (!valid(k.type, values[i])) throw badCursor();
  });
  return values;
}

/** Checked here, so a forged cursor is a 400 and never a cast error from PostgreSQL. */
function valid(type: KeyType, v: unknown): boolean {
  switch (type) {
    case "int":
      return Number.isSafeInteger(v);
    case "boolean":
      return typeof v === "boolean";
    case "text":
      return typeof v === "string" && v.length <= 500 && !v.includes("\u0000");
    case "date": {
      if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
      // 2024-02-30 parses as 1 March; only a date that prints back as itself is real.
      const time = Date.parse(`${v}T00:00:00Z`);
      return !Number.isNaN(time) && new Date(time).toISOString().startsWith(v);
    }
    case "timestamptz":
      return (
        typeof v === "string" &&
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2})?|Z)$/.test(v) &&
        !Number.isNaN(Date.parse(v))
      );
  }
}

/**
 * Every page of a keyset list, for an export or a document that must hold all of it: page by
 * page through the same scoped query the screen uses, never one unbounded read.
 */
export async function allPages<T>(
  page: (after: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const all: T[] = [];
  let after: string | undefined;
  do {
    const next = await page(after);
    all.push(...next.items);
    after = next.nextCursor ?? undefined;
  } while (after !== undefined);
  return all;
}
