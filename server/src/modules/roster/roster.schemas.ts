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

export const PreviewResponse = z.object({
  /** Data rows read from the sheet. */
  rows: z.number(),
  /** Rows without any error. */
  validRows: z.number(),
  issues: z.array(RowIssue),
  /** The first rows as read, so the user sees the file was understood. */
  sample: z.array(PreviewRow),
});
export type PreviewResponse = z.infer<typeof PreviewResponse>;

export const ImportResponse = z.object({ created: z.number() });
export type ImportResponse = z.infer<typeof ImportResponse>;

/** The member list's filters, without paging: an export is every row the filters select. */
export const ExportQuery = ListMembersQuery.omit({ page: true, pageSize: true });
export type ExportQuery = z.infer<typeof ExportQuery>;
