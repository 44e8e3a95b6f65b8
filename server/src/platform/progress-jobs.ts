import { randomUUID } from "node:crypto";
import type { Db } from "./db/pool.ts";
import { Conflict, DomainError, NotFound } from "./errors.ts";
import { format, type Locale, type Text } from "./i18n.ts";
import { ProcessLock } from "./jobs/process-lock.ts";
import {
  failOrphans,
  finishJob,
  insertJob,
  isAlreadyRunning,
  type JobState,
  readJob,
  type StoredError,
  writeProgress,
} from "./progress-jobs.repo.ts";

/** Where a long task stands: which stage, how many of how many rows. */
export interface Progress {
  stage: string;
  done: number;
  total: number | null;
}

/** What a poll sees, in the poller's language. */
export interface JobView {
  id: string;
  kind: string;
  state: JobState;
  progress: Progress;
  result: unknown;
  error: { status: number; code: string; message: string; field: string | null } | null;
}

/** Who started a job, and the org subtree it belongs to. */
export interface JobOwner {
  userId: number;
  orgPath: string;
}

/** Progress reaches the table at most this often; a poll every 500 ms sees it move. */
const WRITE_EVERY_MS = 500;

const failedText: Text = {
  "zh-CN": "处理失败，未写入任何记录，请稍后重试或联系系统管理员",
  "en-US": "The task failed and wrote nothing; try again later or contact the administrator",
};

/**
 * Long tasks a user started (a 100,000-row roster import) run in the process that took the
 * request, while the web app polls their progress. The record lives in progress_jobs, so a
 * poll that reaches another server process reads the same job (ADR 0030). The running
 * process holds a liveness lock; once it is gone, a poll shows its running job as
 * interrupted instead of spinning. A task dying with its process leaves nothing half-done,
 * because each one writes in a single transaction.
 */
export class ProgressJobs {
  private readonly lock: ProcessLock;
  private holding: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly writeEveryMs = WRITE_EVERY_MS,
  ) {
    this.lock = new ProcessLock(db);
  }

  /** This process's liveness key, as recorded on the jobs it runs. */
  get processKey() {
    return this.lock.key;
  }

  /** Records the job and starts `run`; one running job per user and kind. */
  async start<R>(
    owner: JobOwner,
    kind: string,
    run: (report: (p: Progress) => void) => Promise<R>,
    onError: (error: unknown) => void = () => {},
  ): Promise<string> {
    // A failed first hold (database unreachable) is tried again by the next start.
    this.holding ??= this.lock.hold().catch((error: unknown) => {
      this.holding = null;
      throw error;
    });
    await this.holding;
    await failOrphans(this.db, { ownerUserId: owner.userId, kind });
    const id = randomUUID();
    try {
      await insertJob(this.db, {
        id,
        kind,
        ownerUserId: owner.userId,
        orgPath: owner.orgPath,
        processKey: this.lock.key,
      });
    } catch (error) {
      if (!isAlreadyRunning(error)) throw error;
      throw new Conflict(
        {
          "zh-CN": "您有一项同类任务正在进行，请等它完成后再试",
          "en-US": "A task of this kind is already running for you; wait for it to finish",
        },
        undefined,
        "job_running",
      );
    }
    const progress = new ThrottledProgress(this.db, id, this.writeEveryMs, onError);
    run((p) => progress.report(p))
      .then(
        (result) => ({ state: "done" as const, result }),
        (error: unknown) => {
          if (!(error instanceof DomainError)) onError(error);
          return { state: "failed" as const, error: storedError(error) };
        },
      )
      .then(async (outcome) => finishJob(this.db, id, outcome, await progress.settle()))
      .catch(onError);
    return id;
  }

  /**
   * The caller's own job of one of `kinds`, within their scope; any other id reads as not
   * found, so one module's poll never shows another module's job.
   */
  async view(
    id: string,
    reader: { userId: number; paths: string[]; kinds: string[] },
    locale: Locale,
  ): Promise<JobView> {
    let job = await readJob(this.db, id, reader);
    if (job?.state === "running") {
      await failOrphans(this.db, { id });
      job = await readJob(this.db, id, reader);
    }
    if (!job) throw new NotFound({ "zh-CN": "任务", "en-US": "Task" });
    return {
      id: job.id,
      kind: job.kind,
      state: job.state,
      progress: { stage: job.stage, done: job.done, total: job.total },
      result: job.result ?? null,
      error: job.error
        ? {
            status: job.error.status,
            code: job.error.code,
            message: format(job.error.text, locale),
            field: job.error.field,
          }
        : null,
    };
  }

  /** A clean stop: the lock goes, so jobs still running here read as interrupted elsewhere. */
  close() {
    this.lock.release();
  }
}

function storedError(error: unknown): StoredError {
  return error instanceof DomainError
    ? { status: error.status, code: error.code, text: error.text, field: error.field ?? null }
    : { status: 500, code: "internal", text: failedText, field: null };
}

/**
 * Keeps the latest progress in memory and writes it at most every `everyMs`: a reader that
 * reports each row must not cost a query per row, and the last report still reaches the table.
 */
class ThrottledProgress {
  private latest: Progress = { stage: "queued", done: 0, total: null };
  private lastWrite = 0;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly id: string,
    private readonly everyMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  report(p: Progress) {
    this.latest = p;
    if (this.timer) return;
    const wait = this.lastWrite + this.everyMs - Date.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush() {
    this.timer = null;
    this.lastWrite = Date.now();
    const p = this.latest;
    this.writing = this.writing.then(() => writeProgress(this.db, this.id, p)).catch(this.onError);
  }

  /** Stops writing and returns the last progress, for the outcome's own write. */
  async settle(): Promise<Progress> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.writing;
    return this.latest;
  }
}
