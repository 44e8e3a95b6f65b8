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
  /** Open sign-in accounts (member role only) for the members of one's own subtree. */
  "members:accounts",
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
  /** File a report (Art 21) or apply for protection (Art 24) as oneself. */
  "cases:file",
  /** Handle reports and protection cases of one's subtree. */
  "cases:handle",
  /** Declare one's own public accounts and sign attestations; only a cadre's record may. */
  "registry:declare",
  /** Read the cadres' declarations of one's subtree (each read of another's entry audited). */
  "registry:oversee",
  /** Run attestation campaigns for one's subtree. */
  "registry:manage",
  /** Submit one's own 正能量作品 (Art 5-8) and see what became of them. */
  "contributions:submit",
  /** Review the works of one's subtree and propose 表彰 citing them (Art 23). */
  "contributions:review",
  /** Approve or decline a proposed 表彰 on behalf of the organization. */
  "commendations:approve",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  member: [
    "self:read",
    "regulations:read",
    "study:take",
    "review:take",
    "cases:file",
    "registry:declare",
    "contributions:submit",
  ],
  secretary: [
    "orgs:read",
    "orgs:write",
    "members:read",
    "members:write",
    "members:reveal",
    "members:accounts",
    "regulations:read",
    "self:read",
    "study:manage",
    "study:take",
    "review:manage",
    "review:oversee",
    "review:take",
    "cases:file",
    "cases:handle",
    "registry:declare",
    "registry:oversee",
    "registry:manage",
    "contributions:submit",
    "contributions:review",
    "commendations:approve",
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
    "cases:file",
    "cases:handle",
    "registry:declare",
    "registry:oversee",
    "contributions:submit",
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
    "cases:file",
    "registry:declare",
    "contributions:submit",
    "contributions:review",
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
