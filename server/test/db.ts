import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { loadConfig } from "../src/platform/config.ts";
import type { AppContext } from "../src/platform/context.ts";
import { FieldCipher } from "../src/platform/crypto.ts";
import { createPool, type Db } from "../src/platform/db/pool.ts";
import { withDatabase } from "./global-setup.ts";

/**
 * A fresh database for this test file, cloned from the migrated template, dropped when the
 * file finishes. Tests in one file share it; build each test's own org tree with factories.
 */
export async function testDatabase(): Promise<{ db: Db; url: string }> {
  const adminUrl = inject("dbAdminUrl");
  const name = `${inject("dbRunPrefix")}${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject("dbTemplate")}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const db = createPool(url, 5);
  afterAll(async () => {
    await db.end();
    const drop = new pg.Client({ connectionString: adminUrl });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await drop.end();
  });
  return { db, url };
}

export const testCipher = new FieldCipher(Buffer.alloc(32, 7));

export async function testContext(): Promise<AppContext> {
  const { db, url } = await testDatabase();
  return { db, cipher: testCipher, config: { ...loadConfig({}), databaseUrl: url } };
}
