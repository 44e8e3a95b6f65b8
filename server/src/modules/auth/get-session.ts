import type { AccountState, Actor } from "../../platform/auth/actor.ts";
import { hasConsented } from "../../platform/auth/consent.ts";
import { PERMISSIONS, type Permission, ROLE_PERMISSIONS } from "../../platform/auth/permissions.ts";
import { IDLE_TIMEOUT_MS, type SessionRow } from "../../platform/auth/sessions.ts";
import { PI_NOTICE_VERSION } from "./auth.policy.ts";
import type { SessionResponse } from "./auth.schemas.ts";

/**
 * Everything the web app needs to draw itself for the signed-in person, from what the request
 * gate already holds: this route reads nothing more from the database.
 */
export function getSession(
  actor: Actor,
  account: AccountState,
  session: SessionRow,
): SessionResponse {
  return {
    user: {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      memberId: actor.memberId,
      isCadre: account.isCadre,
    },
    stage: session.stage,
    csrfToken: session.csrfToken,
    grants: actor.grants.map((g) => ({
      id: g.id,
      role: g.role,
      orgId: g.orgId,
      orgName: g.orgName,
      orgPath: g.orgPath,
    })),
    permissions: permissionsOf(actor),
    mustChangePassword: account.mustChangePassword,
    totpEnabled: account.totpEnabled,
    piConsentRequired: !hasConsented(account),
    demo: account.isDemo,
    piNoticeVersion: PI_NOTICE_VERSION,
    idleTimeoutSeconds: IDLE_TIMEOUT_MS / 1000,
    expiresAt: session.expiresAt.toISOString(),
  };
}

// The actor cache hands out one actor object per account version, so its list is worked out
// once per version rather than on every call of the web app's most frequent request.
const permissionLists = new WeakMap<Actor, Permission[]>();

/** The permissions the actor's grants hold, in the canonical order so the client can compare. */
function permissionsOf(actor: Actor): Permission[] {
  let list = permissionLists.get(actor);
  if (!list) {
    const held = new Set<Permission>(actor.grants.flatMap((g) => ROLE_PERMISSIONS[g.role]));
    list = PERMISSIONS.filter((p) => held.has(p));
    permissionLists.set(actor, list);
  }
  return list;
}
