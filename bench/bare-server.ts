/**
 * The baselines of bench/exam-deadline-rush.ts, in a process of their own as the real server
 * is: bare Fastify + pg with a pool of 10 and nothing of Wanggui's. POST /submit commits two
 * rows in one transaction (a submission's update and its audit row); POST /submit-coalesced
 * writes the same two rows, but shares one statement with the requests in flight through the
 * server's own Coalescer with its batch sizes (ADR 0034), the only piece of Wanggui here;
 * GET /hello answers a hello JSON. Prints its port on stdout.
 *
 *   DATABASE_URL=... npx tsx bench/bare-server.ts
 */
import Fastify from "fastify";
import { MAX_BATCH, PARALLEL } from "../server/src/modules/study/attempts/submission-batches.ts";
import { Coalescer } from "../server/src/platform/db/coalescer.ts";
import { createPool } from "../server/src/platform/db/pool.ts";

const pool = createPool(process.env.DATABASE_URL ?? "", 10);
const app = Fastify();
app.post("/submit", async (req) => {
  const body = req.body as { memberId: number; answers: unknown };
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("INSERT INTO bench_baseline (member_id, payload) VALUES ($1, $2)", [
      body.memberId,
      JSON.stringify(body.answers),
    ]);
    await client.query("INSERT INTO bench_baseline (member_id, payload) VALUES ($1, $2)", [
      body.memberId,
      JSON.stringify({ audit: "study.attempt.submit" }),
    ]);
    await client.query("COMMIT");
  } finally {
    client.release();
  }
  return { ok: true };
});
const coalesced = new Coalescer<{ memberId: number; answers: unknown }, boolean>({
  run: async (items) => {
    const rows = items.flatMap((i) => [
      [i.memberId, JSON.stringify(i.answers)],
      [i.memberId, JSON.stringify({ audit: "study.attempt.submit" })],
    ]);
    await pool.query(
      "INSERT INTO bench_baseline (member_id, payload) SELECT * FROM unnest($1::bigint[], $2::jsonb[])",
      [rows.map((r) => r[0]), rows.map((r) => r[1])],
    );
    return items.map(() => true);
  },
  maxBatch: MAX_BATCH,
  parallel: PARALLEL,
});
app.post("/submit-coalesced", async (req) => {
  await coalesced.submit(req.body as { memberId: number; answers: unknown });
  return { ok: true };
});
app.get("/hello", async () => ({ hello: "world" }));
const address = await app.listen({ host: "127.0.0.1", port: 0 });
process.stdout.write(`${address}\n`);
process.on("SIGINT", async () => {
  await app.close();
  await pool.end();
  process.exit(0);
});
