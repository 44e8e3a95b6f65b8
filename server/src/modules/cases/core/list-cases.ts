import type { Actor } from "../../../platform/auth/actor.ts";
import { can } from "../../../platform/auth/actor.ts";
import { requirePermission } from "../../../platform/auth/plugin.ts";
import type { FieldCipher } from "../../../platform/crypto.ts";
import type { Db } from "../../../platform/db/pool.ts";
import type { Locale } from "../../../platform/i18n.ts";
import type { CaseType } from "../case-types.ts";
import { CASES_HANDLE, filerDigests, handleScope } from "../cases.policy.ts";
import { listCases as listRows } from "./cases.repo.ts";
import { presentSummary } from "./present-case.ts";
import { cnToday } from "./today.ts";

/** The cases of the caller's handling scope, newest first, with a cursor to the next page. */
export async function listCases(
  db: Db,
  cipher: FieldCipher,
  actor: Actor,
  q: { type?: CaseType; state?: string; cursor?: number; limit: number },
  lang: Locale,
) {
  requirePermission(can(actor, CASES_HANDLE));
  const [page, today] = await Promise.all([
    listRows(db, handleScope(actor), {
      exceptMemberId: actor.memberId,
      exceptFilerDigests: filerDigests(cipher, actor.userId),
      caseType: q.type,
      state: q.state,
      cursor: q.cursor,
      limit: q.limit,
    }),
    cnToday(db),
  ]);
  return {
    items: page.items.map((c) => presentSummary(c, today, lang)),
    nextCursor: page.nextCursor,
  };
}
