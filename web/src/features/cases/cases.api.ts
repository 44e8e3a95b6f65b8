import type { z } from "zod";
import type * as s from "../../../../server/src/modules/cases/cases.schemas.ts";
import { api, get, post } from "../../shared/api";

export type CaseSummary = z.infer<typeof s.CaseSummary>;
export type CaseDetail = z.infer<typeof s.CaseDetail>;
export type CaseEvent = z.infer<typeof s.CaseEvent>;
export type Receipt = z.infer<typeof s.Receipt>;
export type ReportInput = z.input<typeof s.ReportBody>;
export type ProtectionInput = z.input<typeof s.ProtectionBody>;
export type StepInput = z.infer<typeof s.TransitionBody>;
export type FilerIdentity = z.infer<typeof s.FilerIdentity>;
export type HandlerCandidate = z.infer<typeof s.HandlerCandidate>;
export type CaseLink = CaseDetail["links"][number];
export type ProtectionForAccusedInput = z.input<typeof s.ProtectionForAccusedBody>;
export type Platform = (typeof s.PLATFORMS)[number];
export type ProtectionKind = (typeof s.PROTECTION_KINDS)[number];

/** What a filer sees of their own case: no handler, no internal notes. */
export type MyCase = CaseSummary & {
  outcomeLabel: string | null;
  filed: Record<string, unknown>;
  events: CaseEvent[];
  files: { id: number; fileName: string; size: number }[];
  can: { message: boolean };
};

export const CASES_KEY = ["cases"] as const;

export const fileReport = (body: ReportInput) => post<Receipt>("/cases/reports", body);
export type SubjectCandidate = z.infer<typeof s.SubjectCandidate>;
/** Members of the filer's own branch whose name contains `name`; nobody else is offered. */
export const searchBranchMembers = (name: string) =>
  get<{ items: SubjectCandidate[] }>("/cases/reports/subject-candidates", { name });
export const applyProtection = (body: ProtectionInput) => post<Receipt>("/cases/protection", body);
export const listMine = () => get<{ items: CaseSummary[] }>("/cases/mine");
export const getMine = (id: number) => get<MyCase>(`/cases/mine/${id}`);
export const messageHandlers = (id: number, text: string) =>
  post<{ id: number }>(`/cases/mine/${id}/messages`, { text });
export const uploadMyFile = (id: number, file: File) =>
  api<{ id: number }>("POST", `/cases/mine/${id}/files`, { file });

export const listCases = (query: { type?: string; state?: string; cursor?: number }) =>
  get<{ items: CaseSummary[]; nextCursor: number | null }>("/cases", { ...query, limit: 20 });
export const getCase = (id: number) => get<CaseDetail>(`/cases/${id}`);
export const takeStep = (id: number, name: string, body: StepInput) =>
  post<{ id: number; state: string }>(`/cases/${id}/transitions/${name}`, body);
export const addNote = (id: number, text: string, toFiler: boolean) =>
  post<{ id: number }>(`/cases/${id}/notes`, { text, toFiler });
export const revealFiler = (id: number) => post<FilerIdentity>(`/cases/${id}/reveal-filer`);
export const uploadCaseFile = (id: number, file: File) =>
  api<{ id: number }>("POST", `/cases/${id}/files`, { file });
export const listHandlers = (id: number) =>
  get<{ items: HandlerCandidate[] }>(`/cases/${id}/handlers`);
export const assignCase = (id: number, userId: number) =>
  post<{ id: number; handlerUserId: number }>(`/cases/${id}/assign`, { userId });
export const openProtectionForAccused = (id: number, body: ProtectionForAccusedInput) =>
  post<Receipt>(`/cases/${id}/protection-for-accused`, body);
/** Members of the handler's own scope by name, to pick the accused a report named in words. */
export const searchMembers = (name: string) =>
  get<{ items: { id: number; name: string; org: { name: string } }[] }>("/members", {
    name,
    pageSize: 20,
  });
export const caseFileUrl = (id: number, fileId: number) => `/api/cases/${id}/files/${fileId}`;
