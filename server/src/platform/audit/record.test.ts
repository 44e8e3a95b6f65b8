import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/db.ts";
import { type Db, withTx } from "../db/pool.ts";
import { type AuditActor, type AuditEvent, recordAudit, recordAuditMany } from "./record.ts";

let db: Db;

beforeAll(async () => {
  ({ db } = await testDatabase());
});

const actor: AuditActor = {
  userId: null,
  label: "城关镇党委.组织委员",
  requestId: "req-名册导入",
  ip: "10.0.0.8",
};

const json = fc.jsonValue({ maxDepth: 2 }).filter((v) => !JSON.stringify(v).includes("\\u0000"));
const event: fc.Arbitrary<AuditEvent> = fc.record(
  {
    action: fc.constantFrom("member.create", "roster.import"),
    entityType: fc.constantFrom("member", "roster"),
    entityId: fc.oneof(fc.integer({ min: 1, max: 1e9 }), fc.constant(null)),
    orgPath: fc.oneof(fc.constant(null), fc.constantFrom("1", "1.23.456")),
    before: fc.oneof(fc.constant(undefined), fc.constant(null), json),
    after: fc.oneof(
      fc.constant(undefined),
      fc.constant({ name: '王"小"明\\', note: "第一党支部\n换行" }),
      json,
    ),
  },
  { requiredKeys: ["action", "entityType"] },
);

/** The rows both writers left, without their ids and times. */
async function rowsSince(id: number) {
  const { rows } = await db.query(
    `SELECT actor_user_id, actor_label, action, entity_type, entity_id, org_path::text,
            before, after, before IS NULL AS before_absent, after IS NULL AS after_absent,
            request_id, ip::text
       FROM audit_events WHERE id > $1 ORDER BY id`,
    [id],
  );
  return rows;
}

async function lastId(): Promise<number> {
  const { rows } = await db.query<{ id: string | null }>("SELECT max(id) AS id FROM audit_events");
  return Number(rows[0]?.id ?? 0);
}

describe("recordAuditMany", () => {
  it("writes, in order, exactly the rows recordAudit writes one by one", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 6 }), async (events) => {
        const one = await lastId();
        await withTx(db, async (tx) => {
          for (const e of events) await recordAudit(tx, actor, e);
        });
        const each = await rowsSince(one);
        const many = await lastId();
        await withTx(db, (tx) => recordAuditMany(tx, actor, events));
        expect(await rowsSince(many)).toEqual(each);
        expect(each).toHaveLength(events.length);
      }),
      { numRuns: 40 },
    );
  });
});
