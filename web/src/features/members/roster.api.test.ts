import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../shared/api";
import { importRoster, type RosterJob } from "./roster.api";

afterEach(() => vi.unstubAllGlobals());

const JOB_ID = "0b7c2d4e-6f81-4a93-b5c7-d9e1f3a5b7c9";
const file = new File(["名册"], "城关镇党员名册.xlsx", {
  type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

function job(state: RosterJob["state"], more: Partial<RosterJob>): RosterJob {
  return {
    id: JOB_ID,
    kind: "import",
    state,
    progress: { stage: "writing", done: 0, total: 3000 },
    result: null,
    error: null,
    ...more,
  };
}

/** The server: 202 with the job id, then each poll answers the next of `polls`. */
function serve(polls: RosterJob[]) {
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    if (init?.method === "POST") return json({ jobId: JOB_ID }, 202);
    expect(String(input)).toBe(`/api/roster/jobs/${JOB_ID}`);
    return json(polls.shift());
  });
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

describe("a roster job as the import page polls it", () => {
  it("hands each poll's progress on and returns the result once done", async () => {
    serve([
      job("running", { progress: { stage: "writing", done: 1200, total: 3000 } }),
      job("done", {
        progress: { stage: "writing", done: 3000, total: 3000 },
        result: { created: 3000 },
      }),
    ]);
    const seen: number[] = [];
    await expect(importRoster(file, (p) => seen.push(p.done))).resolves.toEqual({ created: 3000 });
    expect(seen).toEqual([1200, 3000]);
  });

  it("throws a job interrupted with its server process as the server's error", async () => {
    serve([
      job("failed", {
        progress: { stage: "writing", done: 600, total: 3000 },
        error: {
          status: 503,
          code: "job_interrupted",
          message: "任务已中断：执行它的服务进程已停止（重启或故障），请重新发起",
          field: null,
        },
      }),
    ]);
    const failed = await importRoster(file, () => {}).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ApiError);
    expect(failed).toMatchObject({ status: 503, code: "job_interrupted" });
    expect((failed as ApiError).message).toMatch(/任务已中断/);
  });
});
