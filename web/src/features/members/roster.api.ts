import type {
  ImportResponse,
  PreviewResponse,
  RosterJob,
} from "../../../../server/src/modules/roster/roster.schemas.ts";
import { ApiError, api, get } from "../../shared/api";

export type {
  PreviewResponse,
  RosterJob,
  RowIssue,
} from "../../../../server/src/modules/roster/roster.schemas.ts";

export const TEMPLATE_URL = "/api/roster/template";

const startJob = (path: string, file: File) =>
  api<{ jobId: string }>("POST", path, { file }).then((r) => r.jobId);
const getJob = (id: string) => get<RosterJob>(`/roster/jobs/${id}`);

/**
 * Runs a preview or import as a background job and polls it, handing each progress report to
 * `onProgress`, so a 100,000-row file shows where it stands instead of a frozen spinner.
 */
async function runJob<T>(
  path: string,
  file: File,
  onProgress: (p: RosterJob["progress"]) => void,
): Promise<T> {
  const id = await startJob(path, file);
  for (;;) {
    const job = await getJob(id);
    onProgress(job.progress);
    if (job.state === "done") return job.result as T;
    // The job's error is thrown as a failed request's would be, so forms place it alike.
    if (job.state === "failed" && job.error) {
      const { status, code, message, field } = job.error;
      throw new ApiError(status, code, message, field);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export const previewRoster = (file: File, onProgress: (p: RosterJob["progress"]) => void) =>
  runJob<PreviewResponse>("/roster/preview-jobs", file, onProgress);
export const importRoster = (file: File, onProgress: (p: RosterJob["progress"]) => void) =>
  runJob<ImportResponse>("/roster/import-jobs", file, onProgress);
