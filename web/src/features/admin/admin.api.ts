import type {
  AuditEvent,
  AuditEventsQuery,
} from "../../../../server/src/modules/audit-log/audit-log.schemas.ts";
import type {
  CreateUserBody,
  GrantRoleBody,
  GrantView,
  UserListResponse,
  UserView,
} from "../../../../server/src/modules/users/users.schemas.ts";
import { get, post } from "../../shared/api";

export type { AuditEvent } from "../../../../server/src/modules/audit-log/audit-log.schemas.ts";
export type { GrantView, UserView } from "../../../../server/src/modules/users/users.schemas.ts";
export type { Role } from "../../../../server/src/platform/auth/permissions.ts";

export interface VerifyResult {
  ok: boolean;
  rows: number;
  unsealed?: number;
  brokenAt?: { chainSeq: number; id: number | null };
  reason?: string;
  checkedAt: string;
}

export const listUsers = (query: { page: number; pageSize: number; q?: string }) =>
  get<UserListResponse>("/users", query);
export const createUser = (body: CreateUserBody) =>
  post<{ user: UserView; oneTimePassword: string }>("/users", body);
export const setUserDisabled = (id: number, disabled: boolean) =>
  post<UserView>(`/users/${id}/${disabled ? "disable" : "enable"}`);
export const resetPassword = (id: number) =>
  post<{ oneTimePassword: string }>(`/users/${id}/reset-password`);
export const listGrants = (id: number) => get<{ items: GrantView[] }>(`/users/${id}/grants`);
export const grantRole = (id: number, body: GrantRoleBody) =>
  post<GrantView>(`/users/${id}/grants`, body);
export const endGrant = (id: number, grantId: number, endsOn?: string) =>
  post<GrantView>(`/users/${id}/grants/${grantId}/end`, endsOn ? { endsOn } : {});

type AuditQuery = Partial<Omit<AuditEventsQuery, "page" | "pageSize">> & {
  page: number;
  pageSize: number;
};
export const listAuditEvents = (query: AuditQuery) =>
  get<{ items: AuditEvent[]; total: number }>("/audit-events", query);
export const verifyAudit = () => get<VerifyResult>("/audit-events/verify");
