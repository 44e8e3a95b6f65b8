import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/db.ts";
import { buildMember, buildOrg } from "../../test/factories.ts";
import { FieldCipher } from "./crypto.ts";
import type { Db } from "./db/pool.ts";
import { openFieldCipher } from "./field-key.ts";

let db: Db;
let dir: string;
const noEnv = {};

beforeAll(async () => {
  ({ db } = await testDatabase());
  dir = await mkdtemp(path.join(tmpdir(), "wanggui-key-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the field key's check value", () => {
  it("is stored at first start and accepts the same key after", async () => {
    const keyFile = path.join(dir, "field.key");
    const first = await openFieldCipher(db, keyFile, noEnv);
    const stored = await db.query(
      "SELECT value #>> '{}' AS v FROM system_state WHERE key = 'field_key_check'",
    );
    expect(stored.rows[0].v).toBe(first.checkValue());
    const again = await openFieldCipher(db, keyFile, noEnv);
    expect(again.decrypt(first.encrypt("110101199003077777"))).toBe("110101199003077777");
  });

  it("refuses a missing key file, naming it, and does not make a new one", async () => {
    const lost = path.join(dir, "lost", "field.key");
    await expect(openFieldCipher(db, lost, noEnv)).rejects.toThrow(
      new RegExp(`${lost.replaceAll("/", "\\/")} 不存在.*恢复`),
    );
    expect(existsSync(lost)).toBe(false);
  });

  it("refuses a different key, naming the file and the fix", async () => {
    const other = path.join(dir, "other.key");
    await writeFile(other, randomBytes(32).toString("base64"));
    await expect(openFieldCipher(db, other, noEnv)).rejects.toThrow(
      /other\.key与数据库记录的校验值不符.*换回原来的密钥/,
    );
    await expect(
      openFieldCipher(db, other, { WANGGUI_FIELD_KEY: randomBytes(32).toString("base64") }),
    ).rejects.toThrow(/WANGGUI_FIELD_KEY.*不符/);
  });

  it("tests a database from before check values against its own ciphertexts", async () => {
    const { db: legacy } = await testDatabase();
    const org = await buildOrg(legacy, { name: "东湖镇机关党支部" });
    await buildMember(legacy, { org });
    const wrong = path.join(dir, "wrong.key");
    await writeFile(wrong, randomBytes(32).toString("base64"));
    await expect(openFieldCipher(legacy, wrong, noEnv)).rejects.toThrow(/解不开/);
    const right = path.join(dir, "right.key");
    await writeFile(right, Buffer.alloc(32, 7).toString("base64"));
    const cipher = await openFieldCipher(legacy, right, noEnv);
    expect(cipher.checkValue()).toBe(new FieldCipher(Buffer.alloc(32, 7)).checkValue());
  });
});
