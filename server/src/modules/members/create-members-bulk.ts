import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { type FieldCipher, maskIdNumber, maskPhone } from "../../platform/crypto.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { DomainError } from "../../platform/errors.ts";
import { acceptsMembers, findMemberHomes } from "../orgs/member-homes.ts";
import { memberRuleErrors, type RuleError } from "./member-rules.ts";
import { authorize } from "./members.policy.ts";
import {
  chinaToday,
  existingDigests,
  insertMembers,
  isDuplicateIdNumber,
  type MemberWrite,
} from "./members.repo.ts";
import type { CreateMemberBody } from "./members.schemas.ts";

/** One broken rule of one input row (0-based index), for a form or an import preview. */
export interface RowError extends RuleError {
  row: number;
}

/** Raised when any row breaks a rule: nothing has been written. */
export class RosterRowsInvalid extends DomainError {
  constructor(readonly rows: RowError[]) {
    const first = rows[0];
    super(
      400,
      "roster_invalid",
      {
        "zh-CN": `有 ${rows.length} 处错误，未写入任何记录${first ? `（第 ${first.row + 1} 行 ${first.field}：${first.text["zh-CN"]}）` : ""}`,
        "en-US": `${rows.length} errors; nothing was written${first ? ` (row ${first.row + 1} ${first.field}: ${first.text["en-US"]})` : ""}`,
      },
      first?.field,
    );
  }
}

export interface BulkDeps {
  cipher: FieldCipher;
  audit: AuditActor;
}

const duplicateText = {
  "zh-CN": "该身份证号码已登记，同一人不能重复建档",
  "en-US": "This ID number is already on the roll",
};

/**
 * Checks rows against the roster rules, the caller's write scope, the kind of org that holds
 * members, and the ID numbers already on the roll or earlier in the same batch. Writes nothing.
 */
export async function validateMemberRows(
  db: Queryable,
  actor: Actor,
  rows: CreateMemberBody[],
  cipher: FieldCipher,
): Promise<RowError[]> {
  const today = await chinaToday(db);
  const homes = await findMemberHomes(
    db,
    actor,
    "members:write",
    rows.map((r) => r.orgId),
  );
  const digests = rows.map((r) => cipher.digest(r.idNumber));
  const taken = await existingDigests(db, digests);
  const seen = new Map<string, number>();
  const errors: RowError[] = [];
  rows.forEach((r, row) => {
    const add = (e: RuleError) => errors.push({ ...e, row });
    for (const e of memberRuleErrors(
      {
        ...r,
        confirmedOn: r.confirmedOn ?? null,
        legacy: r.legacy ?? false,
        position: r.position ?? null,
      },
      today,
    )) {
      add(e);
    }
    const home = homes.get(r.orgId);
    if (!home) {
      add({
        field: "orgId",
        code: "org_not_found",
        text: { "zh-CN": "党组织不存在或不在您的管理范围内", "en-US": "Organization not found" },
      });
    } else if (!acceptsMembers(home)) {
      add({
        field: "orgId",
        code: "org_holds_no_members",
        text: {
          "zh-CN": `${home.name}不直接管理党员，请选择党支部或党小组`,
          "en-US": `${home.name} does not hold members directly; choose a branch or group`,
        },
      });
    }
    const digest = digests[row] as string;
    const earlier = seen.get(digest);
    if (taken.has(digest)) {
      add({ field: "idNumber", code: "duplicate_id_number", text: duplicateText });
    } else if (earlier !== undefined) {
      add({
        field: "idNumber",
        code: "duplicate_id_number",
        text: {
          "zh-CN": `身份证号码与第 ${earlier + 1} 行重复`,
          "en-US": `ID number repeats row ${earlier + 1}`,
        },
      });
    } else {
      seen.set(digest, row);
    }
  });
  return errors;
}

/**
 * Creates many members in the caller's transaction (the roster import and the single create
 * both come through here): all rows are valid and written, or a RosterRowsInvalid lists every
 * error and nothing is written. Each member gets an open history row and an audit row.
 */
export async function createMembersBulk(
  tx: Queryable,
  actor: Actor,
  rows: CreateMemberBody[],
  deps: BulkDeps,
): Promise<number[]> {
  authorize(actor, "create");
  if (rows.length === 0) return [];
  const errors = await validateMemberRows(tx, actor, rows, deps.cipher);
  if (errors.length > 0) throw new RosterRowsInvalid(errors);
  const homes = await findMemberHomes(
    tx,
    actor,
    "members:write",
    rows.map((r) => r.orgId),
  );
  const writes: MemberWrite[] = rows.map((r) => ({
    orgId: r.orgId,
    orgPath: homes.get(r.orgId)?.path ?? "",
    name: r.name,
    gender: r.gender,
    ethnicity: r.ethnicity ?? null,
    birthDate: r.birthDate,
    idNumberEnc: deps.cipher.encrypt(r.idNumber),
    idNumberMasked: maskIdNumber(r.idNumber),
    idNumberDigest: deps.cipher.digest(r.idNumber),
    phoneEnc: r.phone ? deps.cipher.encrypt(r.phone) : null,
    phoneMasked: r.phone ? maskPhone(r.phone) : null,
    status: r.status,
    joinedOn: r.joinedOn,
    confirmedOn: r.confirmedOn ?? null,
    isCadre: r.isCadre,
    position: r.position ?? null,
  }));
  let ids: number[];
  try {
    ids = await insertMembers(tx, writes, actor.userId);
  } catch (error) {
    if (isDuplicateIdNumber(error)) {
      throw new RosterRowsInvalid([
        { row: 0, field: "idNumber", code: "duplicate_id_number", text: duplicateText },
      ]);
    }
    throw error;
  }
  for (const [i, id] of ids.entries()) {
    const { idNumberEnc, phoneEnc, idNumberDigest, ...visible } = writes[i] as MemberWrite;
    await recordAudit(tx, deps.audit, {
      action: "member.create",
      entityType: "member",
      entityId: id,
      orgPath: visible.orgPath,
      after: visible,
    });
  }
  return ids;
}
