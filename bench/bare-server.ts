/**
 * The baselines of bench/exam-deadline-rush.ts, in a process of their own as the real server
 * is: bare Fastify + pg with a pool of 10 and nothing of Wanggui's. POST /submit commits two
 * rows in one transaction (a submission's update and its audit row); GET /hello answers a
 * hello JSON. Prints its port on stdout.
 *
 *   DATABASE_URL=... npx tsx bench/bare-server.ts
 */
import Fastify from "fastify";
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
app.get("/hello", async () => ({ hello: "world" }));
const address = await app.listen({ host: "127.0.0.1", port: 0 });
process.stdout.write(`${address}\n`);
process.on("SIGINT", async () => {
  await app.close();
  await pool.end();
  process.exit(0);
});
