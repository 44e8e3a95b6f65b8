import type { AuditActor } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { AppContext } from "../../../platform/context.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { BadInput } from "../../../platform/errors.ts";
import { conflictOf, inHandleScope } from "../cases.policy.ts";
import type { TransitionBody } from "../cases.schemas.ts";
import { findFiler, insertEvent } from "../core/case-events.repo.ts";
import { insertLink } from "../core/case-links.repo.ts";
import { type CaseRow, findCase } from "../core/cases.repo.ts";

/**
 * A report that duplicates another case closes with the outcome 重复 and a link to the case
 * it duplicates. That case must be one this handler could handle: in their scope, of the
 * same type and not one they must step aside from. Any other number is refused in the words
 * a missing case gets, so the field cannot be used to probe for cases elsewhere.
 */
export async function markDuplicate(
  tx: Queryable,
  ctx: AppContext,
  actor: Actor,
  _audit: AuditActor,
  c: CaseRow,
  body: TransitionBody,
): Promise<Record<string, unknown>> {
  const otherId = body.duplicateOf ?? 0;
  const other = otherId === c.id ? null : await findCase(tx, otherId);
  if (
    !other ||
    other.caseType !== c.caseType ||
    !inHandleScope(actor, other) ||
    conflictOf(actor, other, await findFiler(tx, other.id), ctx.cipher)
  ) {
    throw new BadInput("duplicateOf", {
      "zh-CN": "找不到您可办理的该案件，请核对案件编号",
      "en-US": "No case of yours has that number",
    });
  }
  await insertLink(tx, {
    fromCaseId: c.id,
    toCaseId: other.id,
    linkType: "duplicate_of",
    createdBy: actor.userId,
  });
  // Recorded on the case it duplicates as well, for whoever handles that one.
  await insertEvent(tx, {
    caseId: other.id,
    kind: "linked",
    visibleToFiler: false,
    actorUserId: actor.userId,
    byFiler: false,
    body: null,
    meta: { linkType: "duplicate_of", number: c.number },
  });
  return { duplicateOf: other.id, duplicateOfNumber: other.number };
}
