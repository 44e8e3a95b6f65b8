import type { AuditActor } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { FieldCipher } from "../../platform/crypto.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { BadInput, Conflict } from "../../platform/errors.ts";
import { createMembersBulk, RosterRowsInvalid } from "./create-members-bulk.ts";
import { getMember } from "./get-member.ts";
import { auditIdNumberCheck, countRegistered } from "./id-number-checks.ts";
import { orgNotFound } from "./members.policy.ts";
import type { CreateMemberBody, MemberDetail } from "./members.schemas.ts";

/**
 * Creates one member: the bulk path with one row, its first error shaped for a form. A refusal
 * because the ID number is already on the roll is audited after the rollback.
 */
export async function createMember(
  db: Db,
  actor: Actor,
  deps: { cipher: FieldCipher; audit: AuditActor },
  input: CreateMemberBody,
): Promise<MemberDetail> {
  try {
    return await create(db, actor, deps, input);
  } catch (error) {
    if (error instanceof Conflict && error.code in REGISTERED) {
      await auditIdNumberCheck(db, deps.audit, actor, {
        via: "member.create",
        checked: 1,
        ...countRegistered([error.code]),
      });
    }
    throw error;
  }
}

const REGISTERED = { duplicate_id_number: true, id_number_elsewhere: true };

function create(
  db: Db,
  actor: Actor,
  deps: { cipher: FieldCipher; audit: AuditActor },
  input: CreateMemberBody,
): Promise<MemberDetail> {
  return withTx(db, async (tx) => {
    let id: number | undefined;
    try {
      [id] = await createMembersBulk(tx, actor, [input], deps);
    } catch (error) {
      if (!(error instanceof RosterRowsInvalid)) throw error;
      const first = error.rows[0];
      if (!first) throw error;
      if (first.code === "org_not_found") throw orgNotFound();
      if (first.code in REGISTERED) throw new Conflict(first.text, "idNumber", first.code);
      throw new BadInput(first.field, first.text, first.code);
    }
    if (id === undefined) throw new Error("member not created");
    return getMember(tx, actor, id);
  });
}
