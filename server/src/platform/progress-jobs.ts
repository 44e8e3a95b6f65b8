import { randomUUID } from "node:crypto";
import { Conflict, DomainError, NotFound } from "./errors.ts";
import { format, type Locale, type Text } from "./i18n.ts";

/** Where a long task stands: which stage, how many of how many rows. */
export interface Progress {
  stage: string;
  done: number;
  total: number | null;
}

interface Job {
  id: string;
  owner: number;
  kind: string;
  state: "running" | "done" | "failed";
  progress: Progress;
  result?: unknown;
  error?: { status: number; code: string; text: Text; field: string | null };
  finishedAt?: number;
}

/** What a poll sees, in the poller's language. */
export interface JobView {
  id: string;
  kind: string;
  state: "running" | "done" | "failed";
  progress: Progress;
  result: unknown;
  error: { status: number; code: string; message: string; field: string | null } | null;
}

const KEEP_MS = 10 * 60_000;
const failedText: Text = {
  "zh-CN": "处理失败，未写入任何记录，请稍后重试或联系系统管理员",
  "en-US": "The task failed and wrote nothing; try again later or contact the administrator",
};

/**
 * Long tasks a user started (a 100,000-row roster import) run in this process while the web
 * app polls their progress. Jobs live in memory: a task that dies with the process leaves
 * nothing half-done, because each one writes in a single transaction, and its poll answers
 * 404, so the user starts it again. Only the user who started a job sees it.
 */
export class ProgressJobs {
  private readonly jobs = new Map<string, Job>();

  /** Starts `run` at once; one running job per user and kind. */
  start<R>(
    owner: number,
    kind: string,
    run: (report: (p: Progress) => void) => Promise<R>,
    onError: (error: unknown) => void = () => {},
  ): string {
    this.sweep();
    for (const job of this.jobs.values()) {
      if (job.owner === owner && job.kind === kind && job.state === "running") {
        throw new Conflict(
          {
            "zh-CN": "您有一项同类任务正在进行，请等它完成后再试",
            "en-US": "A task of this kind is already running for you; wait for it to finish",
          },
          undefined,
          "job_running",
        );
      }
    }
    const job: Job = {
      id: randomUUID(),
      owner,
      kind,
      state: "running",
      progress: { stage: "queued", done: 0, total: null },
    };
    this.jobs.set(job.id, job);
    run((p) => {
      job.progress = p;
    }).then(
      (result) => {
        job.state = "done";
        job.result = result;
        job.finishedAt = Date.now();
      },
      (error: unknown) => {
        job.state = "failed";
        job.finishedAt = Date.now();
        job.error =
          error instanceof DomainError
            ? {
                status: error.status,
                code: error.code,
                text: error.text,
                field: error.field ?? null,
              }
            : { status: 500, code: "internal", text: failedText, field: null };
        if (!(error instanceof DomainError)) onError(error);
      },
    );
    return job.id;
  }

  /** The caller's own job; another user's id reads as not found. */
  view(id: string, owner: number, locale: Locale): JobView {
    this.sweep();
    const job = this.jobs.get(id);
    if (!job || job.owner !== owner) throw new NotFound({ "zh-CN": "任务", "en-US": "Task" });
    return {
      id: job.id,
      kind: job.kind,
      state: job.state,
      progress: job.progress,
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

  private sweep() {
    const now = Date.now();
    for (const [id, job] of this.jobs)
      if (job.finishedAt !== undefined && now - job.finishedAt > KEEP_MS) this.jobs.delete(id);
  }
}
