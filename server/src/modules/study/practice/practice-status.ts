import type { Queryable } from "../../../platform/db/pool.ts";
import { chinaToday, findDay } from "./practice.repo.ts";

/**
 * Whether the member has finished today's practice, for the workbench. Only reads: the day's
 * set is fixed (and audited) when the member opens the practice page, not here.
 */
export async function practiceDoneToday(db: Queryable, memberId: number): Promise<boolean> {
  const day = await findDay(db, memberId, await chinaToday(db));
  return day?.completed ?? false;
}
