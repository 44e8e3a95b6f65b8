import type { z } from "zod";
import type { ArticleDiff } from "../../../../packages/regulation/src/diff.ts";
import type { JsonDocument } from "../../../../packages/regulation/src/export-json.ts";
import type {
  ArticleOut,
  CorrectionBody,
  DocumentList,
  DocumentTree,
  ImportBody,
  ImportPreviewResponse,
  ImportResponse,
  KINDS,
  ProvisionList,
  SearchResponse,
  SUBJECTS,
} from "../../../../server/src/modules/regulations/regulations.schemas.ts";
import { get, post, request, withQuery } from "../../shared/api";

export type Kind = (typeof KINDS)[number];
export type Subject = (typeof SUBJECTS)[number];
export type RegulationDocument = z.infer<typeof DocumentList>["items"][number];
export type Tree = z.infer<typeof DocumentTree>;
export type Article = z.infer<typeof ArticleOut>;
export type Provision = Article["provisions"][number];
export type Reference = Article["references"][number];
/** The schema leaves paragraphs open; they are the parser's paragraphs, as in the JSON export. */
export type Paragraph = JsonDocument["articles"][number]["paragraphs"][number];
export type SearchResult = z.infer<typeof SearchResponse>;
export type SearchHit = SearchResult["items"][number];
export type Correction = z.infer<typeof CorrectionBody>;
export type ImportPreview = z.infer<typeof ImportPreviewResponse>;
type ImportInput = z.infer<typeof ImportBody>;
/** The diff route has no response schema; it answers the package's ArticleDiff with the versions. */
export type VersionDiff = ArticleDiff & { from: number; to: number };
export type { JsonDocument };

/** Who the "what binds me" filter asks about; a cadre also sees what binds every member. */
export type Binds = Extract<Subject, "member" | "cadre">;

export const listDocuments = () =>
  get<z.infer<typeof DocumentList>>("/regulations").then((r) => r.items);
export const getTree = (docId: number, version?: number) =>
  get<Tree>(`/regulations/${docId}`, { version });
export const getArticle = (docId: number, slug: string, version?: number) =>
  get<Article>(`/regulations/${docId}/articles/${slug}`, { version });
export const listBinding = (docId: number, binds: Binds, version?: number) =>
  get<z.infer<typeof ProvisionList>>(`/regulations/${docId}/provisions`, { binds, version }).then(
    (r) => r.items,
  );
export const search = (query: { q: string; docId: number; page: number; pageSize: number }) =>
  get<SearchResult>("/regulations/search", query);
export const getDiff = (docId: number, from: number, to: number) =>
  get<VersionDiff>(`/regulations/${docId}/diff`, { from, to });
export const correctProvision = (provisionId: number, body: Correction) =>
  post<{ id: number }>(`/regulations/provisions/${provisionId}/corrections`, body);

export const previewImport = (body: ImportInput) =>
  post<ImportPreview>("/regulations/import/preview", body);
export const importRegulation = (body: ImportInput) =>
  post<z.infer<typeof ImportResponse>>("/regulations/import", body);

/** The print view reads the whole document at once; the JSON export is exactly that. */
export const getFullDocument = (docId: number, version?: number) =>
  request("GET", `/regulations/${docId}/export`, { query: { format: "json", version } }).then(
    (r) => r.json() as Promise<JsonDocument>,
  );

export const EXPORT_FORMATS = ["docx", "md", "json", "akn"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Exports download through a plain link, so the browser names and saves the file itself. */
export const exportUrl = (docId: number, format: ExportFormat, version?: number) =>
  withQuery(`/api/regulations/${docId}/export`, { format, version });
