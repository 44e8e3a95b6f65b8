/**
 * What each role may do (permission codes) and how far it reaches (data scope). A grant at
 * an org node gives its role's permissions over that node's subtree, except the member role,
 * which reaches only the member's own records.
 */
export const ROLES = [
  "member",
  "secretary",
  "discipline_officer",
  "propaganda_officer",
  "system_admin",
  "security_admin",
  "audit_admin",
] as const;
export type Role = (typeof ROLES)[number];

/** 三员分立: nobody may hold two of these at once, so no one configures, grants and audits. */
export const ADMIN_ROLES: readonly Role[] = ["system_admin", "security_admin", "audit_admin"];

export const PERMISSIONS = [
  "orgs:read",
  "orgs:write",
  "members:read",
  "members:write",
  "members:reveal",
  "users:read",
  "users:write",
  "grants:write",
  "audit:read",
  "regulations:read",
  "regulations:write",
  "regulations:annotate",
  "self:read",
  "study:manage",
  "study:take",
  "review:manage",
  "review:oversee",
  "review:take",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  member: ["self:read", "regulations:read", "study:take", "review:take"],
  secretary: [
    "orgs:read",
    "orgs:write",
    "members:read",
    "members:write",
    "members:reveal",
    "regulations:read",
    "self:read",
    "study:manage",
    "study:take",
    "review:manage",
    "review:oversee",
    "review:take",
  ],
  discipline_officer: [
    "orgs:read",
    "members:read",
    "members:reveal",
    "regulations:read",
    "self:read",
    "study:take",
    "review:oversee",
    "review:take",
  ],
  propaganda_officer: [
    "orgs:read",
    "members:read",
    "regulations:read",
    "regulations:annotate",
    "self:read",
    "study:manage",
    "study:take",
    "review:take",
  ],
  system_admin: [
    "orgs:read",
    "orgs:write",
    "regulations:read",
    "regulations:write",
    "regulations:annotate",
  ],
  security_admin: ["orgs:read", "users:read", "users:write", "grants:write"],
  audit_admin: ["orgs:read", "audit:read"],
};

export function isAdminRole(role: Role): boolean {
  return ADMIN_ROLES.includes(role);
}
