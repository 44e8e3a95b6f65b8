import { describe, expect, it } from "vitest";
import { crontab } from "../../platform/jobs/registry.ts";
import { reviewJobs } from "./review.jobs.ts";

describe("review jobs", () => {
  it("have task names graphile-worker's crontab accepts", () => {
    for (const line of crontab(reviewJobs).split("\n")) {
      expect(line).toMatch(/^[0-9*/,-]+( [0-9*/,-]+){4} [_a-zA-Z][_a-zA-Z0-9:/_-]*$/);
    }
    for (const job of reviewJobs) expect(job.name).toMatch(/^[_a-zA-Z][_a-zA-Z0-9:/_-]*$/);
  });
});
