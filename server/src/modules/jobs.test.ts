import { parseCrontab } from "graphile-worker";
import { describe, expect, it } from "vitest";
import { crontab } from "../platform/jobs/registry.ts";
import { jobs } from "./jobs.ts";

describe("the modules' scheduled jobs", () => {
  it("make a crontab graphile-worker accepts, one line per scheduled job", () => {
    // A task name graphile-worker cannot read (a dot, say) stops the worker at start-up.
    const parsed = parseCrontab(crontab(jobs));
    expect(parsed.map((c) => c.task).sort()).toEqual(
      jobs
        .filter((j) => j.cron)
        .map((j) => j.name)
        .sort(),
    );
  });

  it("have unique names", () => {
    const names = jobs.map((j) => j.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
