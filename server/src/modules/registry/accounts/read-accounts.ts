import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { findMemberHomes } from "../../orgs/member-homes.ts";
import { authorize, orgNotFound, REGISTRY_OVERSEE, requireCadre } from "../registry.policy.ts";
import type { Account, AccountQuery } from "../registry.schemas.ts";
import { accountsOfMember, listAccounts } from "./accounts.repo.ts";
import { presentAccount, toAccount } from "./present-account.ts";

/** The cadre's own register: every account they declared, open ones first. */
export async function myAccounts(db: Queryable, actor: Actor): Promise<{ items: Account[] }> {
  const me = await requireCadre(db, actor);
  const rows = await accountsOfMember(db, me.id);
  return { items: rows.map((r) => toAccount(r, actor)) };
}

/** An org's path in the caller's oversee scope, or 404. */
export async function overseenOrg(db: Queryable, actor: Actor, orgId: number) {
  const org = (await findMemberHomes(db, actor, REGISTRY_OVERSEE, [orgId])).get(orgId);
  if (!org) throw orgNotFound();
  return org;
}

/**
 * The register of the caller's subtree (or one org of it). These are other people's personal
 * entries, so each page read is audited with the accounts it showed.
 */
export async function listRegistry(
  db: Queryable,
  actor: Actor,
  audit: AuditActor,
  query: AccountQuery,
): Promise<{ items: Account[]; nextCursor: string | null }> {
  authorize(actor, REGISTRY_OVERSEE);
  const org = query.orgId === undefined ? null : await overseenOrg(db, actor, query.orgId);
  const page = await listAccounts(db, actor, {
    orgPath: org?.path,
    status: query.status,
    after: query.after,
    limit: query.limit,
  });
  if (page.items.length > 0) {
    await recordAudit(db, audit, {
      action: "registry.account.list_read",
      entityType: "org",
      entityId: org?.id ?? null,
      orgPath: org?.path ?? null,
      after: { accounts: page.items.map((a) => a.id) },
    });
  }
  return { items: page.items.map((r) => toAccount(r, actor)), nextCursor: page.nextCursor };
}

/** One account with its history; a read of another person's entry is audited. */
export async function getAccount(
  db: Queryable,
  actor: Actor,
  audit: AuditActor,
  id: number,
): Promise<Account> {
  const account = await presentAccount(db, actor, id);
  if (account.member.id !== actor.memberId) {
    await recordAudit(db, audit, {
      action: "registry.account.read",
      entityType: "registry_account",
      entityId: id,
      after: { member: account.member.id },
    });
  }
  return account;
}
