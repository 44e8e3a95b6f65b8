import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { scopePaths } from "../../platform/scope.ts";

export interface IdNumberCheck {
  /** Which use case asked: roster.preview, roster.import, member.create, member.update. */
  via: string;
  /** ID numbers looked up. */
  checked: number;
  /** Found on the roll inside the caller's scope (told as duplicates). */
  inScope: number;
  /** Found on the roll outside it (told only "cannot be registered here"). */
  elsewhere: number;
  sha256?: string;
}

/**
 * Every lookup of ID numbers against the roll that told the caller something is audited:
 * each answer says whether a number is on the roll, so a run of them is a membership test
 * that must leave a trace. Written in its own statement, after the use case's transaction
 * (which a refusal rolls back).
 */
export async function auditIdNumberCheck(
  db: Queryable,
  audit: AuditActor,
  actor: Actor,
  check: IdNumberCheck,
) {
  await recordAudit(db, audit, {
    action: "member.id_number_check",
    entityType: "member",
    orgPath: scopePaths(actor, "members:write")[0] ?? null,
    after: check,
  });
}

/** How many refusals of each kind a list of rule codes holds. */
export function countRegistered(codes: (string | undefined)[]) {
  return {
    inScope: codes.filter((c) => c === "duplicate_id_number").length,
    elsewhere: codes.filter((c) => c === "id_number_elsewhere").length,
  };
}
