import { randomInt } from "node:crypto";
import type pg from "pg";
import type { Db } from "../db/pool.ts";

/** Advisory lock class of a running job process; the second key is the process's own. */
const LOCK_CLASS = 4242003;

/**
 * graphile-worker releases a job whose worker vanished only after 4 hours: a server killed
 * while a job ran (kill -9, power loss) left that job waiting that long. Here each server
 * process holds a session advisory lock for as long as it lives and records its workers' ids
 * under that lock's key. PostgreSQL drops a session's locks when its connection dies with the
 * process, so any process that can take another's lock knows that process is gone, and frees
 * the jobs and queues its workers held (graphile-worker's own `force_unlock_workers`). Every
 * server sweeps at start and then every `everyMs`.
 */
export class JobLiveness {
  readonly key = randomInt(1, 2 ** 31 - 1);
  private holder: pg.PoolClient | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly log: (line: string) => void = () => {},
  ) {}

  async start(everyMs = 30_000) {
    await this.hold();
    await this.sweep();
    this.timer = setInterval(() => {
      this.sweep().catch((error) => this.log(`[jobs] 回收失联任务失败：${error.message}`));
    }, everyMs);
    this.timer.unref();
  }

  /** Takes the lock on a connection kept for the process's life, again after it is lost. */
  private async hold() {
    const client = await this.db.connect();
    client.on("error", () => {
      client.release(true);
      if (this.holder === client) this.holder = null;
      if (!this.stopped) setTimeout(() => void this.hold().catch(() => undefined), 1000).unref();
    });
    await client.query("SELECT pg_advisory_lock($1, $2)", [LOCK_CLASS, this.key]);
    this.holder = client;
  }

  async register(workerId: string) {
    await this.db.query(
      "INSERT INTO job_worker_owners (worker_id, process_key) VALUES ($1, $2) ON CONFLICT DO NOTHING",
      [workerId, this.key],
    );
  }

  /** Frees the jobs of every process that no longer holds its lock; returns how many. */
  async sweep(): Promise<number> {
    const holder = this.holder;
    if (!holder) return 0;
    const owners = await this.db.query<{ process_key: number; workers: string[] }>(
      `SELECT process_key, array_agg(worker_id) AS workers FROM job_worker_owners
        WHERE process_key <> $1 GROUP BY process_key`,
      [this.key],
    );
    let freed = 0;
    for (const owner of owners.rows) {
      const taken = await holder.query<{ ok: boolean }>(
        "SELECT pg_try_advisory_lock($1, $2) AS ok",
        [LOCK_CLASS, owner.process_key],
      );
      if (!taken.rows[0]?.ok) continue;
      try {
        const held = await this.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE locked_by = ANY($1::text[])",
          [owner.workers],
        );
        await this.db.query("SELECT graphile_worker.force_unlock_workers($1::text[])", [
          owner.workers,
        ]);
        await this.db.query("DELETE FROM job_worker_owners WHERE process_key = $1", [
          owner.process_key,
        ]);
        const n = held.rows[0]?.n ?? 0;
        if (n > 0) this.log(`[jobs] 已释放已退出进程持有的 ${n} 个任务，将立即重新执行。`);
        freed += n;
      } finally {
        await holder.query("SELECT pg_advisory_unlock($1, $2)", [LOCK_CLASS, owner.process_key]);
      }
    }
    return freed;
  }

  /** A clean stop: the workers are done, so their record and the lock go. */
  async stop() {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.db
      .query("DELETE FROM job_worker_owners WHERE process_key = $1", [this.key])
      .catch(() => undefined);
    this.holder?.release();
    this.holder = null;
  }
}
