import type { Db } from "../db/pool.ts";
import { LOCK_CLASS, ProcessLock } from "./process-lock.ts";

/** Sweeps soon after start, before the regular interval. */
const FOLLOW_UPS_MS = [1_000, 3_000];

/**
 * graphile-worker releases a job whose worker vanished only after 4 hours: a server killed
 * while a job ran (kill -9, power loss) left that job waiting that long. Here each server
 * process holds a session advisory lock for as long as it lives and records under that lock's
 * key the ids its jobs are locked by (its worker pool's, runner.ts). PostgreSQL drops a
 * session's locks when its connection dies with the process, so any process that can take
 * another's lock knows that process is gone, and frees the jobs and queues locked by its ids
 * (graphile-worker's own `force_unlock_workers`). Every server sweeps at start and then every
 * `everyMs`.
 */
export class JobLiveness {
  private readonly lock: ProcessLock;
  readonly key: number;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly log: (line: string) => void = () => {},
  ) {
    this.lock = new ProcessLock(db);
    this.key = this.lock.key;
  }

  // The sweep is one read of a table of a few rows while no process died, so it runs often:
  // CI twice saw a killed server's lock outlive all three early sweeps, and the job then
  // waited for the next interval.
  async start(everyMs = 5_000) {
    await this.lock.hold();
    await this.sweep();
    // A process killed just before this one started may still hold its lock for a moment:
    // PostgreSQL drops it only once its backend has seen the connection close, which on a
    // loaded machine came after the start-up sweep, and the job then waited for the interval.
    for (const ms of FOLLOW_UPS_MS) setTimeout(() => this.sweepLogged(), ms).unref();
    this.timer = setInterval(() => this.sweepLogged(), everyMs);
    this.timer.unref();
  }

  private sweepLogged() {
    if (this.stopped) return;
    this.sweep().catch((error) => this.log(`[jobs] 回收失联任务失败：${error.message}`));
  }

  /** Records an id this process's jobs are locked by (graphile-worker calls it a worker id). */
  async register(lockerId: string) {
    await this.db.query(
      "INSERT INTO job_worker_owners (worker_id, process_key) VALUES ($1, $2) ON CONFLICT DO NOTHING",
      [lockerId, this.key],
    );
  }

  /** Frees the jobs of every process that no longer holds its lock; returns how many. */
  async sweep(): Promise<number> {
    const holder = this.lock.client;
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
    this.lock.release();
  }
}
