import { purgeProgressJobs } from "../platform/jobs/purge-progress-jobs.ts";
import type { JobDefinition } from "../platform/jobs/registry.ts";
import { casesJobs } from "./cases/cases.jobs.ts";
import { registryJobs } from "./registry/registry.jobs.ts";
import { reviewJobs } from "./review/review.jobs.ts";
import { rollupsJobs } from "./rollups/rollups.jobs.ts";
import { studyJobs } from "./study/study.jobs.ts";

/** Every module's background tasks; modules add theirs here as they need deadlines. */
export const jobs: JobDefinition[] = [
  ...studyJobs,
  ...reviewJobs,
  ...casesJobs,
  ...registryJobs,
  ...rollupsJobs,
  purgeProgressJobs,
];
