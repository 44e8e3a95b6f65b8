import { parseCrontab } from "graphile-worker";
import { describe, expect, it } from "vitest";
import { crontab } from "../../platform/jobs/registry.ts";
import { studyJobs } from "./study.jobs.ts";

describe("study jobs", () => {
  it("give graphile-worker a crontab it accepts", () => {
    expect(() => parseCrontab(crontab(studyJobs))).not.toThrow();
  });
});
