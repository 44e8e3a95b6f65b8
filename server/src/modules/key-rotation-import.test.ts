/**
 * A roster import seals its rows with the key ring it read when it began and commits at its
 * end, on a worker of its own (ADR 0033). A key rotation that reached its end meanwhile would
 * have retired the key those rows are under, leaving them unreadable. These tests try both
 * orders: a rotation that ends during an import, and an import whose ring a rotation replaced.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testContext } from "../../test/db.ts";
import { buildUser } from "../../test/factories.ts";
import { cliActor } from "../platform/audit/record.ts";
import { type Actor, loadActor } from "../platform/auth/actor.ts";
import type { AppContext } from "../platform/context.ts";
import { FieldCipher, readKeyFile } from "../platform/crypto.ts";
import { holdKeyRotation, openFieldCipher, SEALING_GATE } from "../platform/field-key.ts";
import { rotateFieldKey } from "../platform/key-rotation.ts";
import { keyRotationSteps } from "./index.ts";
import { writeCheckedMembers } from "./members/create-members-bulk.ts";
import { memberInput } from "./members/members.fixtures.ts";
import { countyTree } from "./orgs/orgs.fixtures.ts";
import { idMaker, rosterRow, rosterWorkbook } from "./roster/roster-test-files.ts";
import { importRosterFile } from "./roster/roster-thread.ts";

let dir: string;
let keyFile: string;
let ctx: AppContext;
let actor: Actor;
let t: Awaited<ReturnType<typeof countyTree>>;
const audit = { userId: null, label: "test" };
const id = idMaker(950);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "wanggui-rotate-import-"));
  keyFile = path.join(dir, "field.key");
  await writeFile(keyFile, Buffer.alloc(32, 7).toString("base64"), { mode: 0o600 });
  const base = await testContext();
  ctx = { ...base, cipher: await openFieldCipher(base.db, keyFile, {}) };
  t = await countyTree(ctx, "轮换");
  const user = await buildUser(ctx.db, { role: "secretary", at: t.branch });
  actor = (await loadActor(ctx.db, user.id)) as Actor;
});

afterAll(() => rm(dir, { recursive: true, force: true }));

/** Whether someone waits for the sealing gate alone: the rotation at its last pass. */
async function rotationWaits(): Promise<boolean> {
  const r = await ctx.db.query(
    `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = $1::oid
        AND mode = 'ExclusiveLock'`,
    [SEALING_GATE],
  );
  return (r.rowCount ?? 0) > 0;
}

describe("a key rotation and a roster import", () => {
  it("ends only after an import in flight commits, then moves what it sealed under the old key", async () => {
    const oldRing = new FieldCipher(readKeyFile(keyFile));
    const body = memberInput(t.branch.id, { name: "轮换中" });
    const client = await ctx.db.connect();
    let memberId: number;
    try {
      await client.query("BEGIN");
      await holdKeyRotation(client, oldRing);
      [memberId] = (await writeCheckedMembers(client, actor, [body], {
        cipher: oldRing,
        audit,
      })) as [number];
      const rotation = rotateFieldKey({
        db: ctx.db,
        keyFile,
        steps: keyRotationSteps,
        actor: cliActor,
        settleMs: 0,
      });
      let waited = false;
      for (let i = 0; i < 100 && !waited; i++) {
        waited = await rotationWaits();
        if (!waited) await new Promise((r) => setTimeout(r, 50));
      }
      await client.query("COMMIT");
      await rotation;
      expect(waited).toBe(true);
    } finally {
      client.release();
    }
    const alone = new FieldCipher(readKeyFile(keyFile));
    expect(alone.checkValue()).not.toBe(oldRing.checkValue());
    const row = await ctx.db.query<{ enc: Buffer; digest: string }>(
      "SELECT id_number_enc AS enc, id_number_digest AS digest FROM members WHERE id = $1",
      [memberId],
    );
    const stored = row.rows[0] as { enc: Buffer; digest: string };
    expect(alone.decrypt(stored.enc)).toBe(body.idNumber);
    expect(stored.digest).toBe(alone.digest(body.idNumber));
  });

  it("refuses an import whose ring a rotation has since replaced, and writes nothing", async () => {
    const stale = new FieldCipher(Buffer.alloc(32, 7));
    const file = await rosterWorkbook([rosterRow(id, "旧钥匙", t.branch.name)]);
    const before = await ctx.db.query("SELECT 1 FROM members");
    const onWorker = { workerFromBytes: 0 };
    await expect(
      importRosterFile({ db: ctx.db, cipher: stale, audit }, actor, file, null, () => {}, onWorker),
    ).rejects.toMatchObject({ status: 409, code: "field_key_rotated" });
    expect((await ctx.db.query("SELECT 1 FROM members")).rowCount).toBe(before.rowCount);
    const current = await openFieldCipher(ctx.db, keyFile, {});
    expect(
      await importRosterFile(
        { db: ctx.db, cipher: current, audit },
        actor,
        file,
        null,
        () => {},
        onWorker,
      ),
    ).toEqual({ created: 1 });
  });
});
