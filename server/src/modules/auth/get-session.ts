import type { Actor } from "../../platform/auth/actor.ts";
import { PERMISSIONS, type Permission, ROLE_PERMISSIONS } from "../../platform/auth/permissions.ts";
import { IDLE_TIMEOUT_MS, type SessionRow } from "../../platform/auth/sessions.ts";
import type { AppContext } from "../../platform/context.ts";
import { Unauthorized } from "../../platform/errors.ts";
import { PI_NOTICE_VERSION } from "./auth.policy.ts";
import { findUserById } from "./auth.repo.ts";
import type { SessionResponse } from "./auth.schemas.ts";

/** Everything the web app needs to draw itself for the signed-in person. */
export async function getSession(
  ctx: AppContext,
  actor: Actor,
  session: SessionRow,
): Promise<SessionResponse> {
  const user = await findUserById(ctx.db, actor.userId);
  if (!user) throw new Unauthorized();
  const held = new Set<Permission>(actor.grants.flatMap((g) => ROLE_PERMISSIONS[g.role]));
  return {
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      memberId: user.memberId,
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
    // In the canonical order, so the client can compare lists.
    permissions: PERMISSIONS.filter((p) => held.has(p)),
    mustChangePassword: user.mustChangePassword,
    totpEnabled: user.totpEnabled,
    piConsentRequired: user.piConsentVersion !== PI_NOTICE_VERSION,
    piNoticeVersion: PI_NOTICE_VERSION,
    idleTimeoutSeconds: IDLE_TIMEOUT_MS / 1000,
    expiresAt: session.expiresAt.toISOString(),
  };
}
