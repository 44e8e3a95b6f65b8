import type { Tx } from "../platform/db/pool.ts";

/**
 * A table's indexes a bulk load into it while empty may build afterwards: every one except
 * those behind a constraint (the primary key, the unique ID digest), which the load's own
 * duplicate check and the foreign keys that are kept rely on. Setting the ID digest aside too
 * took its 7.8 s out of a million-row COPY but not out of the seed (41.9 and 43.7 s against
 * 40.7 s): with the keys out, making and encrypting the rows bounds the COPY. Nor does the
 * rollup trigger go: counting the same ~940,000 facts after the load took 7.3 s against its 5.6.
 */
const SECONDARY_INDEXES = `
  SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
    FROM pg_index i
   WHERE i.indrelid = $1::regclass
     AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
   ORDER BY 1`;

/** The table's own foreign keys: checked row by row during a load, or once, set-based, after. */
const FOREIGN_KEYS = `
  SELECT conname AS name, pg_get_constraintdef(oid) AS definition
    FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY 1`;

// The tables a members load fills: the members and their first membership history rows.
const LOADED_TABLES = ["members", "member_org_history"];

// The statement triggers that keep orgs' per-status member counts (migrations 0003).
const COUNTER_TRIGGERS = ["members_count_insert", "members_count_update", "members_count_delete"];

/**
 * Drops the table's secondary indexes and foreign keys and returns the statements that put
 * them back as they were.
 */
async function setAside(tx: Tx, table: string): Promise<string[]> {
  const indexes = await tx.query<{ name: string; definition: string }>(SECONDARY_INDEXES, [table]);
  const keys = await tx.query<{ name: string; definition: string }>(FOREIGN_KEYS, [table]);
  for (const { name } of indexes.rows) await tx.query(`DROP INDEX ${name}`);
  for (const { name } of keys.rows) await tx.query(`ALTER TABLE ${table} DROP CONSTRAINT ${name}`);
  return [
    ...indexes.rows.map((i) => i.definition),
    ...keys.rows.map((k) => `ALTER TABLE ${table} ADD CONSTRAINT ${k.name} ${k.definition}`),
  ];
}

/**
 * Runs `load` so that a load into an empty members table pays for its indexes, foreign keys and
 * counters once instead of row by row: the secondary indexes and foreign keys of the members
 * and of their history are dropped and the counter triggers switched off for the load, then the
 * indexes are rebuilt, the keys added back (each checked by one join over the loaded rows) and
 * every org's counts set in one pass over the members. All of it happens in the caller's
 * transaction, so a failure anywhere rolls the indexes, keys and triggers back with the rows;
 * dropping a key locks the org table too until the seed commits (a seed into an empty members
 * table is a new database's). When the table is not empty, `load` simply runs with everything
 * in place: rebuilding indexes over existing rows would cost more than it saves.
 */
export async function loadIntoMembers<T>(tx: Tx, load: () => Promise<T>): Promise<T> {
  const empty = async () => (await tx.query("SELECT 1 FROM members LIMIT 1")).rowCount === 0;
  if (!(await empty())) return load();
  // Nobody may add members between the check and the load; nobody else reads an empty table.
  await tx.query("LOCK TABLE members IN ACCESS EXCLUSIVE MODE");
  if (!(await empty())) return load();

  const restore: string[] = [];
  for (const table of LOADED_TABLES) restore.push(...(await setAside(tx, table)));
  for (const t of COUNTER_TRIGGERS) await tx.query(`ALTER TABLE members DISABLE TRIGGER ${t}`);

  const result = await load();

  // Index builds sort in memory up to this much instead of spilling to disk; local to the load.
  await tx.query("SET LOCAL maintenance_work_mem = '256MB'");
  for (const statement of restore) await tx.query(statement);
  for (const t of COUNTER_TRIGGERS) await tx.query(`ALTER TABLE members ENABLE TRIGGER ${t}`);
  // Every org counted nothing while the table was empty, so the counts are set, not added to.
  await tx.query(
    `UPDATE orgs o SET member_count = c.n, probationary_count = c.p, cadre_count = c.c,
                       probationary_cadre_count = c.pc
       FROM (SELECT org_id, count(*)::int AS n,
                    count(*) FILTER (WHERE status = 'probationary')::int AS p,
                    count(*) FILTER (WHERE is_cadre)::int AS c,
                    count(*) FILTER (WHERE status = 'probationary' AND is_cadre)::int AS pc
               FROM members WHERE archived_at IS NULL GROUP BY org_id) c
      WHERE o.id = c.org_id`,
  );
  // Planner statistics for the new rows now, not whenever autovacuum comes round: the first
  // lists after a seed would otherwise be planned for an empty table.
  for (const table of LOADED_TABLES) await tx.query(`ANALYZE ${table}`);
  return result;
}
