import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import { generatePassword, hashPassword } from "../../platform/auth/password.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { Forbidden, InvalidState, NotFound } from "../../platform/errors.ts";
import { lookupMember } from "../members/lookup-member.ts";
import { lookupOrg } from "../orgs/lookup-org.ts";
import { grantRoleInTx, orgNotFound } from "./grant-role.ts";
import { toUserView } from "./present.ts";
import { type Authority, reaches, requireHolds } from "./users.policy.ts";
import { findVisibleUser, insertUser } from "./users.repo.ts";
import type { CreateUserBody, UserView } from "./users.schemas.ts";

/**
 * Opens an account under an org the caller administers, optionally linked to a member of
 * that subtree and with a first role. The one-time password is returned once, to be handed
 * over in person, and must be changed at first sign-in.
 */
export async function createUser(
  db: Db,
  by: Authority,
  audit: AuditActor,
  input: CreateUserBody,
): Promise<{ user: UserView; oneTimePassword: string }> {
  requireHolds(by, "users:write");
  if (input.role) requireHolds(by, "grants:write");
  const oneTimePassword = generatePassword();
  const passwordHash = await hashPassword(oneTimePassword);

  return withTx(db, async (tx) => {
    const org = await lookupOrg(tx, { id: input.orgId });
    if (!org || !reaches(by, "orgs:read", org.path)) throw orgNotFound();
    if (!reaches(by, "users:write", org.path)) {
      throw new Forbidden({
        "zh-CN": `您无权在「${org.name}」开设账号`,
        "en-US": `You may not open accounts at ${org.name}`,
      });
    }
    if (org.archived) {
      throw new InvalidState({
        "zh-CN": `「${org.name}」已撤销，不能在此开设账号`,
        "en-US": `${org.name} is archived; accounts cannot be opened there`,
      });
    }
    if (input.memberId !== undefined) {
      const member = await lookupMember(tx, input.memberId);
      if (!member || member.archived || !reaches(by, "users:write", member.orgPath)) {
        throw new NotFound({ "zh-CN": "党员（memberId）", "en-US": "Member (memberId)" });
      }
    }
    const userId = await insertUser(tx, {
      username: input.username,
      displayName: input.displayName,
      orgId: org.id,
      memberId: input.memberId ?? null,
      passwordHash,
    });
    await recordAudit(tx, audit, {
      action: "user.create",
      entityType: "user",
      entityId: userId,
      orgPath: org.path,
      after: {
        username: input.username,
        displayName: input.displayName,
        orgId: org.id,
        memberId: input.memberId ?? null,
      },
    });
    if (input.role) {
      await grantRoleInTx(tx, by, audit, userId, { role: input.role, orgId: org.id });
    }
    const row = await findVisibleUser(tx, by, userId);
    if (!row) throw new Error(`user ${userId} not visible right after its creation`);
    return { user: toUserView(row, by), oneTimePassword };
  });
}
