import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/db.ts";
import { type ArrayElement, arrayLiteral } from "./array-literal.ts";
import type { Db } from "./pool.ts";

let db: Db;

beforeAll(async () => {
  ({ db } = await testDatabase());
});

const text = fc.oneof(
  fc.constantFrom("", "NULL", "null", '王"小"明', "a,b", "{x}", " 前后 ", "\\", "第一党支部"),
  fc.string({ unit: "grapheme", maxLength: 12 }).filter((s) => !s.includes("\u0000")),
);

/** What PostgreSQL makes of the literal, against what it makes of node-postgres's own. */
async function bothWays(values: ArrayElement[], type: string) {
  const { rows } = await db.query<{ ours: unknown; theirs: unknown }>(
    `SELECT $1::${type}[] AS ours, $2::${type}[] AS theirs`,
    [arrayLiteral(values), values],
  );
  return rows[0];
}

describe("arrayLiteral", () => {
  it("gives PostgreSQL the same text[] as node-postgres's own serializer", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(text), { maxLength: 8 }), async (values) => {
        const r = await bothWays(values, "text");
        expect(r?.ours).toEqual(r?.theirs);
        expect(r?.ours).toEqual(values);
      }),
      { numRuns: 150 },
    );
  });

  it("does the same for bytea, bigint, date and boolean arrays", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(fc.uint8Array({ maxLength: 20 }).map((b) => Buffer.from(b))), {
          maxLength: 5,
        }),
        fc.array(fc.option(fc.integer()), { maxLength: 5 }),
        fc.array(fc.option(fc.constantFrom("2024-07-01", "1949-10-01")), { maxLength: 5 }),
        fc.array(fc.option(fc.boolean()), { maxLength: 5 }),
        async (bytes, ints, dates, flags) => {
          for (const [values, type] of [
            [bytes, "bytea"],
            [ints, "bigint"],
            [dates, "date"],
            [flags, "boolean"],
          ] as const) {
            const r = await bothWays(values, type);
            expect(r?.ours).toEqual(r?.theirs);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
