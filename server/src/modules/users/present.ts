import { type AccountReach, type Authority, abilities } from "./users.policy.ts";
import type { GrantRow, UserRow } from "./users.repo.ts";
import type { GrantView, UserView } from "./users.schemas.ts";

export function accountReach(row: UserRow): AccountReach {
  return {
    userId: row.id,
    orgPath: row.org_path,
    livePaths: row.live_paths,
    liveRoles: row.live_roles,
  };
}

/** An account as the API shows it, with what this caller may do to it. */
export function toUserView(row: UserRow, by: Authority): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    memberId: row.member_id,
    orgId: row.org_id,
    orgName: row.org_name,
    disabled: row.disabled,
    locked: row.locked,
    mustChangePassword: row.must_change_password,
    totpEnabled: row.totp_enabled,
    createdAt: row.created_at.toISOString(),
    abilities: abilities(by, accountReach(row)),
  };
}

export function toGrantView(row: GrantRow): GrantView {
  return {
    id: row.id,
    userId: row.user_id,
    role: row.role,
    orgId: row.org_id,
    orgName: row.org_name,
    orgPath: row.org_path,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    status: row.status,
    grantedBy: row.granted_by,
  };
}
