import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { FieldCipher } from "../../platform/crypto.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { authorize, memberNotFound } from "./members.policy.ts";
import { findMember, sealedField } from "./members.repo.ts";
import type { RevealBody } from "./members.schemas.ts";

/**
 * Shows one sensitive field of one member in clear, to a caller with members:reveal over the
 * member's org, and writes who saw which field of whom and why in the same transaction: if the
 * audit row cannot be written, the value is not returned.
 */
export async function revealMemberField(
  db: Db,
  actor: Actor,
  deps: { cipher: FieldCipher; audit: AuditActor },
  id: number,
  input: RevealBody,
): Promise<{ field: RevealBody["field"]; value: string | null }> {
  authorize(actor, "reveal");
  return withTx(db, async (tx) => {
    const member = await findMember(tx, actor, "members:reveal", id);
    if (!member) throw memberNotFound();
    const sealed = await sealedField(tx, id, input.field);
    await recordAudit(tx, deps.audit, {
      action: "member.reveal",
      entityType: "member",
      entityId: id,
      orgPath: member.orgPath,
      after: { field: input.field, reason: input.reason, memberName: member.name },
    });
    return { field: input.field, value: sealed ? deps.cipher.decrypt(sealed) : null };
  });
}
