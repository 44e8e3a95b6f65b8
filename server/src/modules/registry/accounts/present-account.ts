import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { accountNotFound } from "../registry.policy.ts";
import type { Account } from "../registry.schemas.ts";
import { type AccountRow, accountHistory, findAccount } from "./accounts.repo.ts";

export function toAccount(row: AccountRow, actor: Actor): Account {
  const { orgPath: _, ...rest } = row;
  return { ...rest, can: { revise: row.member.id === actor.memberId } };
}

/** The account with its whole history, as the caller may see it. */
export async function presentAccount(db: Queryable, actor: Actor, id: number): Promise<Account> {
  const row = await findAccount(db, actor, id);
  if (!row) throw accountNotFound();
  return { ...toAccount(row, actor), history: await accountHistory(db, id) };
}
