/**
 * Issue 10: `wanggui seed synthetic` against its ceiling, plain COPY of the very same rows.
 *
 *   npx tsx bench/seed-copy.ts [--members 1000000] [--orgs 50000] [--threads 2]
 *
 * Creates two scratch databases on the machine's PostgreSQL (BENCH_DATABASE_URL), both
 * migrated. (1) Runs the real CLI `wanggui seed synthetic` into the first in a child process and
 * times it from the outside (process start, tree planning, member generation and encryption on
 * worker threads, COPY, membership history, audit row). (2) Copies the orgs and members it made
 * out to files, then loads those same rows, already encrypted, into the second database with
 * plain COPY and the same history insert, in one transaction: what PostgreSQL itself needs
 * for the load, with nothing to generate or encrypt. (3) Copies the same members into a bare
 * table of the same columns: COPY's own speed on this machine, with nothing to maintain.
 * Both databases are dropped at the end.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { migrate } from "../server/src/platform/db/migrate.ts";
import { createPool, withTx } from "../server/src/platform/db/pool.ts";
import { numberArg } from "./support/args.ts";
import { seedSynthetic } from "./support/seed-cli.ts";

const MEMBERS = numberArg("members", 1_000_000);
const ORGS = numberArg("orgs", 50_000);
const THREADS = numberArg("threads", 0);
const admin = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
// Names of their own per run: other engineers run benches against the same PostgreSQL.
const SEEDED = `wg_bench_seed_${process.pid}`;
const CEILING = `wg_bench_ceiling_${process.pid}`;
const dbUrl = (name: string) => Object.assign(new URL(admin), { pathname: `/${name}` }).toString();

const ORG_COLUMNS = "id, parent_id, kind, name, code, path";
const MEMBER_COLUMNS = `org_id, org_path, name, gender, ethnicity, birth_date, id_number_enc,
  id_number_masked, id_number_digest, phone_enc, phone_masked, status, joined_on, confirmed_on,
  is_cadre, position`;

async function main() {
  const root = new pg.Client({ connectionString: admin });
  await root.connect();
  const dir = await mkdtemp(path.join(tmpdir(), "wg-seed-"));
  try {
    for (const name of [SEEDED, CEILING]) {
      await root.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await root.query(`CREATE DATABASE ${name}`);
      const db = createPool(dbUrl(name), 2);
      await migrate(db);
      await db.end();
    }

    const seed = seedSynthetic(dbUrl(SEEDED), {
      members: MEMBERS,
      orgs: ORGS,
      key: 5,
      extra: THREADS ? ["--threads", String(THREADS)] : [],
    });
    const { seconds: seedSeconds, peakMiB } = seed;

    // The same rows out to files, as COPY text.
    const seeded = new pg.Client({ connectionString: dbUrl(SEEDED) });
    await seeded.connect();
    const orgsFile = path.join(dir, "orgs.copy");
    const membersFile = path.join(dir, "members.copy");
    await pipeline(
      seeded.query(
        copyTo(`COPY (SELECT ${ORG_COLUMNS} FROM orgs ORDER BY nlevel(path), id) TO STDOUT`),
      ),
      createWriteStream(orgsFile),
    );
    await pipeline(
      seeded.query(copyTo(`COPY (SELECT ${MEMBER_COLUMNS} FROM members ORDER BY id) TO STDOUT`)),
      createWriteStream(membersFile),
    );
    await seeded.end();

    const ceiling = createPool(dbUrl(CEILING), 2);
    const t0 = performance.now();
    await withTx(ceiling, async (tx) => {
      await pipeline(
        createReadStream(orgsFile),
        tx.query(copyFrom(`COPY orgs (${ORG_COLUMNS}) FROM STDIN`)),
      );
      await pipeline(
        createReadStream(membersFile),
        tx.query(copyFrom(`COPY members (${MEMBER_COLUMNS}) FROM STDIN`)),
      );
      await tx.query(
        `INSERT INTO member_org_history (member_id, org_id, from_date, reason)
         SELECT id, org_id, joined_on, '入党' FROM members`,
      );
    });
    const copySeconds = (performance.now() - t0) / 1000;

    // What the disk and COPY themselves allow: the same rows into a table of the same columns
    // with no index, key, check or trigger (NOT NULL stays). The gap to the row above is what
    // the members table's nine indexes, its foreign key and its statement triggers cost.
    await ceiling.query(
      "CREATE TABLE members_bare (LIKE members INCLUDING DEFAULTS INCLUDING IDENTITY)",
    );
    const t1 = performance.now();
    await withTx(ceiling, async (tx) => {
      await pipeline(
        createReadStream(membersFile),
        tx.query(copyFrom(`COPY members_bare (${MEMBER_COLUMNS}) FROM STDIN`)),
      );
    });
    const bareSeconds = (performance.now() - t1) / 1000;
    await ceiling.end();

    const mb = (await stat(membersFile)).size / 1024 / 1024;
    const rate = (s: number) => Math.round(MEMBERS / s).toLocaleString("en-US");
    console.log(
      `\n## Synthetic seed vs plain COPY: ${MEMBERS.toLocaleString("en-US")} members, ${ORGS.toLocaleString("en-US")} orgs, ${mb.toFixed(0)} MB of member rows\n`,
    );
    console.log("| load | time | members/s |\n|---|---|---|");
    console.log(
      `| \`wanggui seed synthetic\` (CLI, whole process, peak RSS ${peakMiB.toFixed(0)} MiB) | ${seedSeconds.toFixed(1)} s | ${rate(seedSeconds)} |`,
    );
    console.log(
      `| ceiling: plain COPY of the same orgs and members + history insert | ${copySeconds.toFixed(1)} s | ${rate(copySeconds)} |`,
    );
    console.log(
      `| bare COPY of the same members into a table with no index, constraint or trigger | ${bareSeconds.toFixed(1)} s | ${rate(bareSeconds)} |`,
    );
    console.log(
      `\nThe seed runs at ${((100 * copySeconds) / seedSeconds).toFixed(1)}% of the ceiling's speed.`,
    );
    console.log(`CLI said: ${seed.stdout.trim().split("\n").at(-1)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
    for (const name of [SEEDED, CEILING]) {
      await root.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
    await root.end();
  }
}

await main();
