import type {
  CreateMemberBody,
  ListMembersQuery,
  Member,
  MemberDetail,
  RevealBody,
  TransferMemberBody,
  UpdateMemberBody,
} from "../../../../server/src/modules/members/members.schemas.ts";
import { get, patch, post, withQuery } from "../../shared/api";

export type {
  Member,
  MemberDetail,
} from "../../../../server/src/modules/members/members.schemas.ts";
export type SortKey = ListMembersQuery["sort"];

export interface MemberPage {
  items: Member[];
  total: number;
  page: number;
  pageSize: number;
}

/** The list's query as the URL and the API carry it (strings, as in a query string). */
export type MemberQuery = Record<string, string | number | undefined>;

export const listMembers = (query: MemberQuery) => get<MemberPage>("/members", query);
export const getMember = (id: number) => get<MemberDetail>(`/members/${id}`);
export const createMember = (body: CreateMemberBody) => post<MemberDetail>("/members", body);
export const updateMember = (id: number, body: UpdateMemberBody) =>
  patch<MemberDetail>(`/members/${id}`, body);
export const transferMember = (id: number, body: TransferMemberBody) =>
  post<MemberDetail>(`/members/${id}/transfer`, body);
export const archiveMember = (id: number, reason: string) =>
  post<MemberDetail>(`/members/${id}/archive`, { reason });
export const revealField = (id: number, body: RevealBody) =>
  post<{ field: RevealBody["field"]; value: string | null }>(`/members/${id}/reveal`, body);

/** The export streams from the server; a plain link keeps it out of the page's memory. */
export const exportUrl = (query: MemberQuery) =>
  withQuery("/api/roster/export", { ...query, page: undefined, pageSize: undefined });
