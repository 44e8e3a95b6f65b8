import type {
  CreateOrgBody,
  Org,
  OrgDetail,
  OrgSearchPage,
} from "../../../../server/src/modules/orgs/orgs.schemas.ts";
import { get, patch, post } from "../../shared/api";

export type { Org, OrgDetail, OrgKind } from "../../../../server/src/modules/orgs/orgs.schemas.ts";

export interface OrgPage {
  items: Org[];
  total: number;
  page: number;
  pageSize: number;
}

export const CHILD_PAGE_SIZE = 100;

export const getOrg = (id: number) => get<OrgDetail>(`/orgs/${id}`);
export const listChildren = (id: number, page: number) =>
  get<OrgPage>(`/orgs/${id}/children`, { page, pageSize: CHILD_PAGE_SIZE });
export const searchOrgs = (q: string, pageSize = 10) =>
  get<OrgSearchPage>("/orgs/search", { q, pageSize });
export const createOrg = (body: CreateOrgBody) => post<Org>("/orgs", body);
export const renameOrg = (id: number, name: string) => patch<Org>(`/orgs/${id}`, { name });
export const moveOrg = (id: number, newParentId: number) =>
  post<{ org: Org; movedOrgs: number; movedMembers: number }>(`/orgs/${id}/move`, { newParentId });
export const archiveOrg = (id: number, reason: string) =>
  post<Org>(`/orgs/${id}/archive`, { reason });
