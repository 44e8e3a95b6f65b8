import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { type FieldCipher, maskIdNumber, maskPhone } from "../../platform/crypto.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { Conflict, InvalidState } from "../../platform/errors.ts";
import { registeredRule } from "./create-members-bulk.ts";
import { getMember } from "./get-member.ts";
import { auditIdNumberCheck, countRegistered } from "./id-number-checks.ts";
import { assertMemberRules } from "./member-rules.ts";
import { authorize, memberNotFound } from "./members.policy.ts";
import {
  chinaToday,
  existingDigests,
  findMember,
  idNumberDigestOf,
  isDuplicateIdNumber,
  type MemberChanges,
  sealedField,
  updateMember as writeChanges,
} from "./members.repo.ts";
import type { MemberDetail, UpdateMemberBody } from "./members.schemas.ts";

const duplicate = () =>
  new Conflict(
    { "zh-CN": "该身份证号码已登记", "en-US": "This ID number is already on the roll" },
    "idNumber",
    "duplicate_id_number",
  );

/**
 * Edits a member's record. The rules are checked on the record as it will be after the change
 * (a 转正 sets status and confirmedOn together); the ID number is re-checked whenever it, the
 * birth date or the gender changes. A new ID number refused as already on the roll is audited
 * after the rollback.
 */
export async function updateMember(
  db: Db,
  actor: Actor,
  deps: { cipher: FieldCipher; audit: AuditActor },
  id: number,
  patch: UpdateMemberBody,
): Promise<MemberDetail> {
  try {
    return await update(db, actor, deps, id, patch);
  } catch (error) {
    if (error instanceof Conflict && patch.idNumber && error.field === "idNumber") {
      await auditIdNumberCheck(db, deps.audit, actor, {
        via: "member.update",
        checked: 1,
        ...countRegistered([error.code]),
      });
    }
    throw error;
  }
}

async function update(
  db: Db,
  actor: Actor,
  deps: { cipher: FieldCipher; audit: AuditActor },
  id: number,
  patch: UpdateMemberBody,
): Promise<MemberDetail> {
  authorize(actor, "edit");
  return withTx(db, async (tx) => {
    const current = await findMember(tx, actor, "members:write", id, true);
    if (!current) throw memberNotFound();
    if (current.archivedAt) {
      throw new InvalidState(
        { "zh-CN": "已归档的党员档案不能修改", "en-US": "An archived member cannot be edited" },
        "member_archived",
      );
    }
    const idTouched =
      patch.idNumber !== undefined || patch.birthDate !== undefined || patch.gender !== undefined;
    let idNumber: string | null = null;
    if (idTouched) {
      const sealed = patch.idNumber ? null : await sealedField(tx, id, "idNumber");
      idNumber = patch.idNumber ?? (sealed ? deps.cipher.decrypt(sealed) : null);
    }
    const next = {
      name: patch.name ?? current.name,
      gender: patch.gender ?? current.gender,
      birthDate: patch.birthDate ?? current.birthDate,
      idNumber,
      status: patch.status ?? current.status,
      joinedOn: patch.joinedOn ?? current.joinedOn,
      confirmedOn: patch.confirmedOn !== undefined ? patch.confirmedOn : current.confirmedOn,
      // An existing full member without 转正日期 is a legacy record; a 转正 now needs the date.
      legacy: patch.legacy ?? (current.status === "full" && current.confirmedOn === null),
      isCadre: patch.isCadre ?? current.isCadre,
      position: patch.position !== undefined ? patch.position : current.position,
    };
    assertMemberRules(next, await chinaToday(tx));

    const changes: MemberChanges = {
      name: patch.name,
      gender: patch.gender,
      ethnicity: patch.ethnicity,
      birthDate: patch.birthDate,
      status: patch.status,
      joinedOn: patch.joinedOn,
      confirmedOn: patch.confirmedOn,
      isCadre: patch.isCadre,
      position: patch.position,
    };
    const sensitiveChanged: string[] = [];
    if (patch.idNumber) {
      const candidates = deps.cipher.digests(patch.idNumber);
      const digest = candidates[0] as string;
      if (!candidates.includes((await idNumberDigestOf(tx, id)) ?? "")) {
        sensitiveChanged.push("idNumber");
        const [registeredAt] = (await existingDigests(tx, candidates)).values();
        if (registeredAt !== undefined) {
          const rule = registeredRule(actor, registeredAt);
          throw new Conflict(rule.text, "idNumber", rule.code);
        }
      }
      Object.assign(changes, {
        idNumberEnc: deps.cipher.encrypt(patch.idNumber),
        idNumberMasked: maskIdNumber(patch.idNumber),
        idNumberDigest: digest,
      });
    }
    if (patch.phone !== undefined) {
      sensitiveChanged.push("phone");
      Object.assign(changes, {
        phoneEnc: patch.phone ? deps.cipher.encrypt(patch.phone) : null,
        phoneMasked: patch.phone ? maskPhone(patch.phone) : null,
      });
    }
    try {
      await writeChanges(tx, id, changes);
    } catch (error) {
      if (isDuplicateIdNumber(error)) throw duplicate();
      throw error;
    }
    const after = await findMember(tx, actor, "members:write", id);
    if (!after) throw memberNotFound();
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter(
      (k) => after[k] !== current[k],
    );
    await recordAudit(tx, deps.audit, {
      action: "member.update",
      entityType: "member",
      entityId: id,
      orgPath: current.orgPath,
      before: Object.fromEntries(changed.map((k) => [k, current[k]])),
      after: {
        ...Object.fromEntries(changed.map((k) => [k, after[k]])),
        // Which sealed fields were replaced; their values never enter the log.
        ...(sensitiveChanged.length > 0 ? { sensitiveChanged } : {}),
      },
    });
    return getMember(tx, actor, id);
  });
}
