/**
 * Issue 3's benchmark: load a province-shaped synthetic roster with COPY and compare it with
 * row-by-row INSERTs measured in the same run; then count a subtree's members with the ltree
 * predicate and with a recursive CTE over parent ids.
 *
 *   npx tsx bench/seed-and-subtree.ts [--members 1000000] [--orgs 50000]
 *
 * Uses BENCH_DATABASE_URL (default: the machine's PostgreSQL at 127.0.0.1:5432) to create a
 * scratch database wg_bench_seed_<pid>, which it drops at the end unless --keep.
 */
import type pg from "pg";
import { FieldCipher } from "../server/src/platform/crypto.ts";
import { withTx } from "../server/src/platform/db/pool.ts";
import { createRandom } from "../server/src/seed/names.ts";
import { memberCopyLine, seedMember } from "../server/src/seed/roster.ts";
import { numberArg } from "./support/args.ts";
import { scratchDb } from "./support/scratch-db.ts";
import { seedSynthetic } from "./support/seed-cli.ts";

const MEMBERS = numberArg("members", 1_000_000);
const ORGS = numberArg("orgs", 50_000);
const BASELINE_ROWS = 10_000;
async function main() {
  const scratch = await scratchDb("wg_bench_seed");
  const { db } = scratch;

  // Row by row: one INSERT per member, in one transaction, with the same row content.
  const cipher = new FieldCipher(Buffer.alloc(32, 9));
  const org = await db.query<{ id: number }>(
    `INSERT INTO orgs (id, kind, name, code, path) OVERRIDING SYSTEM VALUE
     SELECT n, 'branch', '基准测试党支部', '001', n::text::ltree
       FROM nextval(pg_get_serial_sequence('orgs', 'id')) AS n RETURNING id`,
  );
  const orgId = org.rows[0]?.id ?? 0;
  const random = createRandom(7);
  const t0 = performance.now();
  await withTx(db, async (tx) => {
    for (let i = 0; i < BASELINE_ROWS; i++) {
      const fields = memberCopyLine(
        cipher,
        orgId,
        String(orgId),
        seedMember(random, 50_000_000 + i),
      )
        .split("\t")
        .map((v) =>
          v === "\\N" ? null : v.startsWith("\\\\x") ? Buffer.from(v.slice(3), "hex") : v,
        );
      await tx.query(
        `INSERT INTO members (org_id, org_path, name, gender, ethnicity, birth_date, id_number_enc,
           id_number_masked, id_number_digest, phone_enc, phone_masked, status, joined_on,
           confirmed_on, is_cadre, position)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)`,
        fields,
      );
    }
  });
  const rowByRowSec = (performance.now() - t0) / 1000;

  // COPY through the real CLI, in its own process so its peak memory is its own.
  const { seconds: copySec, peakMiB } = seedSynthetic(scratch.url, {
    members: MEMBERS,
    orgs: ORGS,
    key: 9,
  });

  await db.query("ANALYZE");
  const rootPath = await db.query<{ path: string; id: number }>(
    "SELECT path::text AS path, id FROM orgs WHERE parent_id IS NULL AND code <> '001' ORDER BY id DESC LIMIT 1",
  );
  const mid = await db.query<{ path: string; id: number; n: number }>(
    `SELECT o.path::text AS path, o.id, (SELECT count(*) FROM members m WHERE m.org_path <@ o.path)::int AS n
       FROM orgs o WHERE nlevel(o.path) = 3 AND o.path <@ $1::ltree ORDER BY o.id LIMIT 1`,
    [rootPath.rows[0]?.path],
  );
  const targets = [
    { label: "root (whole province)", id: rootPath.rows[0]?.id, path: rootPath.rows[0]?.path },
    { label: "mid-level (a county, depth 3)", id: mid.rows[0]?.id, path: mid.rows[0]?.path },
  ];
  const ltreeSql =
    "SELECT count(*)::int AS n FROM members WHERE org_path <@ $1::ltree AND archived_at IS NULL";
  const cteSql = `WITH RECURSIVE sub AS (SELECT id FROM orgs WHERE id = $1
                    UNION ALL SELECT o.id FROM orgs o JOIN sub ON o.parent_id = sub.id)
                  SELECT count(*)::int AS n FROM members m JOIN sub ON m.org_id = sub.id WHERE m.archived_at IS NULL`;
  const timings = [];
  for (const t of targets) {
    const l = await median(() => db.query(ltreeSql, [t.path]));
    const c = await median(() => db.query(cteSql, [t.id]));
    if (l.n !== c.n) throw new Error(`counts differ for ${t.label}: ${l.n} vs ${c.n}`);
    timings.push({ ...t, members: l.n, ltreeMs: l.ms, cteMs: c.ms });
  }

  const extrapolated = (rowByRowSec * MEMBERS) / BASELINE_ROWS;
  console.log(
    `\n## Synthetic seed: ${MEMBERS.toLocaleString()} members, ${ORGS.toLocaleString()} orgs\n`,
  );
  console.log("| method | time | rows/s | peak memory |\n|---|---|---|---|");
  console.log(
    `| COPY (\`wanggui seed synthetic\`) | ${copySec.toFixed(1)} s | ${Math.round(MEMBERS / copySec).toLocaleString()} | ${peakMiB.toFixed(0)} MiB |`,
  );
  console.log(
    `| row-by-row INSERT, ${BASELINE_ROWS.toLocaleString()} rows measured | ${rowByRowSec.toFixed(1)} s (→ ${extrapolated.toFixed(0)} s for ${MEMBERS.toLocaleString()}) | ${Math.round(BASELINE_ROWS / rowByRowSec).toLocaleString()} | – |`,
  );
  console.log(
    `\nCOPY is ${(extrapolated / copySec).toFixed(1)}× faster than row-by-row (extrapolated).\n`,
  );
  console.log(
    "| subtree | members | ltree `<@` (median of 5) | recursive CTE (median of 5) | ratio |\n|---|---|---|---|---|",
  );
  for (const t of timings) {
    console.log(
      `| ${t.label} | ${t.members.toLocaleString()} | ${t.ltreeMs.toFixed(1)} ms | ${t.cteMs.toFixed(1)} ms | ${(t.cteMs / t.ltreeMs).toFixed(1)}× |`,
    );
  }
  await scratch.close();
}

async function median(run: () => Promise<pg.QueryResult<{ n: number }>>) {
  const times: number[] = [];
  let n = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const result = await run();
    times.push(performance.now() - t);
    n = result.rows[0]?.n ?? 0;
  }
  times.sort((a, b) => a - b);
  return { ms: times[2] ?? 0, n };
}

await main();
