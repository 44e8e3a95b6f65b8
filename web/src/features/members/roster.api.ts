import type {
  ImportResponse,
  PreviewResponse,
} from "../../../../server/src/modules/roster/roster.schemas.ts";
import { api } from "../../shared/api";

export type {
  PreviewResponse,
  RowIssue,
} from "../../../../server/src/modules/roster/roster.schemas.ts";

export const TEMPLATE_URL = "/api/roster/template";
export const previewRoster = (file: File) =>
  api<PreviewResponse>("POST", "/roster/preview", { file });
export const importRoster = (file: File) => api<ImportResponse>("POST", "/roster/import", { file });
