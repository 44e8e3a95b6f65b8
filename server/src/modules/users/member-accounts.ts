import type { Queryable } from "../../platform/db/pool.ts";
import { type AccountState, accountStates } from "./users.repo.ts";

export type { AccountState };

/**
 * Whether each member can sign in: for the roster's account column and for results that say
 * how many could not take part. Other modules call this instead of reading users.
 */
export async function memberAccountStates(
  db: Queryable,
  memberIds: number[],
): Promise<(id: number) => AccountState> {
  const states = await accountStates(db, memberIds);
  return (id) => states.get(id) ?? "none";
}

/** How many of these members have no account that can sign in (none or disabled). */
export async function countWithoutAccount(db: Queryable, memberIds: number[]): Promise<number> {
  const state = await memberAccountStates(db, memberIds);
  return memberIds.filter((id) => ["none", "disabled"].includes(state(id))).length;
}

/** Active members under `orgPath` who have an account that can sign in. */
export { countAccountsUnder } from "./users.repo.ts";
