import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import { type Actor, can } from "../../platform/auth/actor.ts";
import { generatePassword, hashPassword } from "../../platform/auth/password.ts";
import { requirePermission } from "../../platform/auth/plugin.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { NotFound } from "../../platform/errors.ts";
import { pathInScope } from "../../platform/scope.ts";
import { type MemberRef, memberRefsByIds, memberRefsUnder } from "../members/member-refs.ts";
import { lookupOrg } from "../orgs/lookup-org.ts";
import { orgNotFound } from "./grant-role.ts";
import { accountStates, insertGrant, insertUser, takenUsernames, today } from "./users.repo.ts";
import {
  type AccountSlip,
  MEMBER_ACCOUNTS_PER_REQUEST,
  type OpenMemberAccountsBody,
  type OpenMemberAccountsResponse,
} from "./users.schemas.ts";

const PERMISSION = "members:accounts" as const;

/**
 * 开通账号: a secretary opens sign-in accounts for the members of their subtree, each linked
 * to the member's record and holding only the member role at the member's org. The one-time
 * passwords come back once, for the printed slips, and must be changed at first sign-in;
 * the audit rows name the account, never the password. Members who already have an account
 * are left alone, so asking twice opens nothing twice.
 */
export async function openMemberAccounts(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  input: OpenMemberAccountsBody,
): Promise<OpenMemberAccountsResponse> {
  requirePermission(can(actor, PERMISSION));
  const candidates = await membersAsked(db, actor, input);
  const states = await accountStates(
    db,
    candidates.map((m) => m.id),
  );
  const without = candidates.filter((m) => !states.has(m.id));
  const batch = without.slice(0, MEMBER_ACCOUNTS_PER_REQUEST);
  const usernames = await usernamesFor(db, batch);
  // Hashing is the slow part: do it before the transaction, in parallel on libuv's threads.
  const passwords = batch.map(() => generatePassword());
  const hashes = await Promise.all(passwords.map(hashPassword));

  const opened = await withTx(db, async (tx) => {
    const startsOn = await today(tx);
    const slips: AccountSlip[] = [];
    for (const [i, member] of batch.entries()) {
      const username = usernames[i] as string;
      const userId = await insertUser(tx, {
        username,
        displayName: member.name,
        orgId: member.orgId,
        memberId: member.id,
        passwordHash: hashes[i] as string,
      });
      const grantId = await insertGrant(tx, {
        userId,
        role: "member",
        orgId: member.orgId,
        startsOn,
        endsOn: null,
        grantedBy: actor.userId,
      });
      await recordAudit(tx, audit, {
        action: "user.create",
        entityType: "user",
        entityId: userId,
        orgPath: member.orgPath,
        after: {
          username,
          displayName: member.name,
          orgId: member.orgId,
          memberId: member.id,
          role: "member",
          grantId,
        },
      });
      slips.push({
        memberId: member.id,
        name: member.name,
        orgName: member.orgName,
        username,
        oneTimePassword: passwords[i] as string,
      });
    }
    return slips;
  });
  return {
    opened,
    alreadyOpen: candidates.length - without.length,
    remaining: without.length - batch.length,
  };
}

async function membersAsked(
  db: Db,
  actor: Actor,
  input: OpenMemberAccountsBody,
): Promise<MemberRef[]> {
  if ("orgId" in input) {
    const org = await lookupOrg(db, { id: input.orgId });
    if (!org || org.archived || !pathInScope(actor, PERMISSION, org.path)) throw orgNotFound();
    return memberRefsUnder(db, actor, PERMISSION, org.path);
  }
  const found = await memberRefsByIds(db, actor, PERMISSION, input.memberIds);
  if (found.length < new Set(input.memberIds).size) {
    throw new NotFound({ "zh-CN": "党员（memberIds）", "en-US": "Member (memberIds)" });
  }
  return found;
}

/**
 * dy (党员) and the record's number, e.g. dy20417: short to type from a slip, unique because
 * record numbers are. If an administrator took that name by hand, a suffix makes it free.
 */
async function usernamesFor(db: Db, members: MemberRef[]): Promise<string[]> {
  const base = members.map((m) => `dy${m.id}`);
  const taken = await takenUsernames(db, [
    ...base,
    ...base.flatMap((b) => [2, 3, 4].map((n) => `${b}-${n}`)),
  ]);
  return base.map((b) => {
    const free = [b, ...[2, 3, 4].map((n) => `${b}-${n}`)].find((u) => !taken.has(u));
    return free ?? `${b}-${Date.now().toString(36)}`;
  });
}
