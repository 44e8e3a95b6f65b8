import type { Queryable } from "./db/pool.ts";
import type { Text } from "./i18n.ts";
import { processGone } from "./jobs/process-lock.ts";

export type JobState = "running" | "done" | "failed";

export interface StoredError {
  status: number;
  code: string;
  text: Text;
  field: string | null;
}

export interface JobRow {
  id: string;
  kind: string;
  state: JobState;
  stage: string;
  done: number;
  total: number | null;
  result: unknown;
  error: StoredError | null;
}

export const INTERRUPTED_CODE = "job_interrupted";

const interruptedError: StoredError = {
  status: 503,
  code: INTERRUPTED_CODE,
  text: {
    "zh-CN": "任务已中断：执行它的服务进程已停止（重启或故障），请重新发起",
    "en-US": "The task was interrupted: the server process running it stopped; start it again",
  },
  field: null,
};

/** A unique violation on progress_jobs_one_running: the user already runs a task of this kind. */
export function isAlreadyRunning(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string };
  return e.code === "23505" && e.constraint === "progress_jobs_one_running";
}

export async function insertJob(
  db: Queryable,
  job: { id: string; kind: string; ownerUserId: number; orgPath: string; processKey: number },
) {
  await db.query(
    `INSERT INTO progress_jobs (id, kind, owner_user_id, org_path, process_key)
     VALUES ($1, $2, $3, $4, $5)`,
    [job.id, job.kind, job.ownerUserId, job.orgPath, job.processKey],
  );
}

/**
 * Marks as interrupted the running jobs, of one id or of one user and kind, whose process no
 * longer holds its liveness lock. Done when someone reads or starts such a job, so no sweeper
 * has to run for a poll to stop spinning.
 */
export async function failOrphans(
  db: Queryable,
  which: { id: string } | { ownerUserId: number; kind: string },
) {
  const [where, params] =
    "id" in which
      ? ["id = $2", [which.id]]
      : ["owner_user_id = $2 AND kind = $3", [which.ownerUserId, which.kind]];
  await db.query(
    `UPDATE progress_jobs SET state = 'failed', error = $1, finished_at = now(), updated_at = now()
      WHERE ${where} AND state = 'running' AND ${processGone("process_key")}`,
    [JSON.stringify(interruptedError), ...params],
  );
}

export async function writeProgress(
  db: Queryable,
  id: string,
  p: { stage: string; done: number; total: number | null },
) {
  await db.query(
    `UPDATE progress_jobs SET stage = $2, done = $3, total = $4, updated_at = now()
      WHERE id = $1 AND state = 'running'`,
    [id, p.stage, p.done, p.total],
  );
}

/**
 * Records the outcome. A job already marked interrupted still takes it: its process was alive
 * after all (only its lock's connection was lost a moment), and the outcome is the truth.
 */
export async function finishJob(
  db: Queryable,
  id: string,
  outcome: { state: "done"; result: unknown } | { state: "failed"; error: StoredError },
  p: { stage: string; done: number; total: number | null },
) {
  await db.query(
    `UPDATE progress_jobs
        SET state = $2, result = $3, error = $4, stage = $5, done = $6, total = $7,
            finished_at = now(), updated_at = now()
      WHERE id = $1 AND (state = 'running' OR error->>'code' = '${INTERRUPTED_CODE}')`,
    [
      id,
      outcome.state,
      outcome.state === "done" ? JSON.stringify(outcome.result ?? null) : null,
      outcome.state === "failed" ? JSON.stringify(outcome.error) : null,
      p.stage,
      p.done,
      p.total,
    ],
  );
}

/** The job if `userId` started it, it is one of `kinds`, and `paths` still cover its org. */
export async function readJob(
  db: Queryable,
  id: string,
  reader: { userId: number; paths: string[]; kinds: string[] },
): Promise<JobRow | null> {
  const r = await db.query<JobRow>(
    `SELECT id, kind, state, stage, done, total, result, error FROM progress_jobs
      WHERE id = $1 AND owner_user_id = $2 AND org_path <@ ANY($3::ltree[])
        AND kind = ANY($4::text[])`,
    [id, reader.userId, reader.paths, reader.kinds],
  );
  return r.rows[0] ?? null;
}

/** Deletes the jobs started more than `days` days ago; returns how many. */
export async function purgeJobs(db: Queryable, days: number): Promise<number> {
  const r = await db.query(
    "DELETE FROM progress_jobs WHERE created_at < now() - make_interval(days => $1)",
    [days],
  );
  return r.rowCount ?? 0;
}
