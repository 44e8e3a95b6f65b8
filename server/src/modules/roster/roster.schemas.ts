import { z } from "zod";
import { ListMembersQuery } from "../members/members.schemas.ts";

export const RowIssue = z.object({
  /** The row number as Excel shows it (the header is row 1). */
  row: z.number(),
  /** The column header, e.g. 身份证号; null when the problem is the whole row. */
  column: z.string().nullable(),
  message: z.string(),
});
export type RowIssue = z.infer<typeof RowIssue>;

export const PreviewRow = z.object({
  row: z.number(),
  name: z.string(),
  org: z.string(),
  status: z.string(),
});

/**
 * The most problems a preview lists. A file with this many is usually the wrong file or the
 * wrong template; 300,000 listed (every row of a large file wrong) stalled the server for half
 * a second to send them and no one could read them (issue 10). The count is always whole.
 */
export const LISTED_ISSUES = 2_000;

export const PreviewResponse = z.object({
  /** Data rows read from the sheet. */
  rows: z.number(),
  /** Rows without any error. */
  validRows: z.number(),
  /** Every problem found, of which `issues` lists the first LISTED_ISSUES by row. */
  issueCount: z.number(),
  issues: z.array(RowIssue),
  /** The first rows as read, so the user sees the file was understood. */
  sample: z.array(PreviewRow),
});
export type PreviewResponse = z.infer<typeof PreviewResponse>;

export const ImportResponse = z.object({ created: z.number() });
export type ImportResponse = z.infer<typeof ImportResponse>;

export const JobId = z.object({ id: z.uuid() });

/** A long preview or import as the web app polls it. */
export const RosterJob = z.object({
  id: z.string(),
  kind: z.enum(["preview", "import"]),
  state: z.enum(["running", "done", "failed"]),
  progress: z.object({
    /** queued, reading (rows read so far), checking, writing (rows written of total). */
    stage: z.string(),
    done: z.number(),
    total: z.number().nullable(),
  }),
  /** The preview's or import's answer once done. */
  result: z.union([PreviewResponse, ImportResponse]).nullable(),
  error: z
    .object({
      status: z.number(),
      code: z.string(),
      message: z.string(),
      field: z.string().nullable(),
    })
    .nullable(),
});
export type RosterJob = z.infer<typeof RosterJob>;
export const JobStarted = z.object({ jobId: z.string() });

/** The member list's filters, without paging: an export is every row the filters select. */
export const ExportQuery = ListMembersQuery.omit({ page: true, pageSize: true, after: true });
export type ExportQuery = z.infer<typeof ExportQuery>;

/** Why a full (unmasked) export is taken, e.g. 报送县委组织部年度党员统计; written to the audit log. */
export const FullExportBody = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(4)
    .max(200)
    .refine((s) => ![...s].some((c) => c < " "), "control characters are not allowed"),
});
