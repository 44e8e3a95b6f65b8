import pg from "pg";
import type { Queryable } from "../../platform/db/pool.ts";

/** The publication each province offers the national node (ADR 0028). */
export const PUBLICATION = "wanggui_national";

/**
 * What a province publishes: the folded totals, and of its orgs only what names and places
 * them. Members, people and the source rows never leave the province.
 */
export async function publishToNation(db: Queryable): Promise<void> {
  await db.query(
    `CREATE PUBLICATION ${PUBLICATION}
       FOR TABLE orgs (id, parent_id, kind, name, path), org_rollups`,
  );
}

/**
 * The national node's tables: the published columns under the published names (a subscription
 * matches tables by schema and name). Every province writes into the same two tables; their
 * org id ranges keep the keys apart. No foreign keys: the apply workers of two subscriptions
 * commit independently, and a rollup may arrive before its org.
 */
export async function createNationalTables(db: Queryable): Promise<void> {
  await db.query(`
    CREATE EXTENSION IF NOT EXISTS ltree;
    CREATE TABLE orgs (
      id bigint PRIMARY KEY,
      parent_id bigint,
      kind text NOT NULL,
      name text NOT NULL,
      path ltree NOT NULL
    );
    CREATE INDEX orgs_roots ON orgs (id) WHERE parent_id IS NULL;
    CREATE TABLE org_rollups (
      org_id bigint NOT NULL,
      org_path ltree NOT NULL,
      metric text NOT NULL,
      month date NOT NULL,
      own bigint NOT NULL,
      subtree bigint NOT NULL,
      PRIMARY KEY (org_id, metric, month)
    );`);
}

/**
 * Subscribes the national node to one province's publication; the province's current rows
 * are copied first, then its changes stream in commit order. `name` is also the replication
 * slot's name on the province.
 */
export async function subscribeProvince(
  db: Queryable,
  name: string,
  conninfo: string,
): Promise<void> {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(name)) throw new Error(`订阅名不合法：${name}`);
  // CREATE SUBSCRIPTION cannot run inside a transaction block, so no format() in a DO block.
  await db.query(
    `CREATE SUBSCRIPTION ${name} CONNECTION ${pg.escapeLiteral(conninfo)} PUBLICATION ${PUBLICATION}`,
  );
}
