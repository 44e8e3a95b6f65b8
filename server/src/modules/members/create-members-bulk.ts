import { type AuditActor, recordAuditMany } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { type FieldCipher, maskIdNumber, maskPhone } from "../../platform/crypto.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { DomainError } from "../../platform/errors.ts";
import { pathInScope } from "../../platform/scope.ts";
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

/** Rows looked up and written per statement. */
const SLICE = 1_000;
/**
 * Rows of pure CPU work (rule checks, sealing) between two turns of the event loop: a slice
 * of 1,000 took tens of milliseconds on a loaded machine, too long for a health check's p99.
 */
const TURN = 250;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface BulkDeps {
  cipher: FieldCipher;
  audit: AuditActor;
}

const duplicateText = {
  "zh-CN": "该身份证号码已登记，同一人不能重复建档",
  "en-US": "This ID number is already on the roll",
};

/**
 * What a caller learns about an ID number already on the roll: inside their own read scope,
 * that it is a duplicate; anywhere else, only that it cannot be registered here and that a
 * transfer is the way, never where or whose (issue 15: the preview had answered "already on
 * the roll" for anyone's number). Every such refusal is audited by the caller's use case.
 */
export function registeredRule(actor: Actor, path: string): RuleError {
  if (pathInScope(actor, "members:read", path)) {
    return { field: "idNumber", code: "duplicate_id_number", text: duplicateText };
  }
  return {
    field: "idNumber",
    code: "id_number_elsewhere",
    text: {
      "zh-CN":
        "该身份证号码不能在此建档。如该同志的组织关系在其他党组织，请由其所在党组织办理组织关系转接",
      "en-US":
        "This ID number cannot be registered here. If the person belongs to another organization, ask it to transfer them",
    },
  };
}

/** How rows are told apart across several calls: the roster import checks a batch at a time. */
export interface RowsSoFar {
  /** Each ID number's digest seen in earlier rows, with the number that names its row. */
  seen: Map<string, number>;
  /** The number a user knows row `i` of this call by (a sheet row; by default its place). */
  rowNumber: (i: number) => number;
}

/**
 * Checks rows against the roster rules, the caller's write scope, the kind of org that holds
 * members, and the ID numbers already on the roll or earlier in the same rows (or in the
 * batches before, through `soFar`). Writes nothing.
 */
export async function validateMemberRows(
  db: Queryable,
  actor: Actor,
  rows: CreateMemberBody[],
  cipher: FieldCipher,
  soFar: RowsSoFar = { seen: new Map(), rowNumber: (i) => i + 1 },
): Promise<RowError[]> {
  const today = await chinaToday(db);
  const homes = await findMemberHomes(
    db,
    actor,
    "members:write",
    rows.map((r) => r.orgId),
  );
  const digests: string[] = [];
  const taken = new Map<string, string>();
  // In slices, each after a turn of the event loop: a 100,000-row import hashes and looks up
  // its ID numbers without holding the server for a second.
  for (let from = 0; from < rows.length; from += SLICE) {
    if (from > 0) await yieldToLoop();
    // Every digest a stored row may hold (two while a key rotation runs), read as the active one.
    const slice = rows.slice(from, from + SLICE).map((r) => cipher.digests(r.idNumber));
    digests.push(...slice.map((all) => all[0] as string));
    const activeOf = new Map(slice.flatMap((all) => all.map((d) => [d, all[0] as string])));
    for (const [d, path] of await existingDigests(db, slice.flat())) {
      taken.set(activeOf.get(d) ?? d, path);
    }
  }
  const { seen, rowNumber } = soFar;
  const errors: RowError[] = [];
  for (const [row, r] of rows.entries()) {
    if (row % TURN === TURN - 1) await yieldToLoop();
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
    const registeredAt = taken.get(digest);
    if (registeredAt !== undefined) {
      add(registeredRule(actor, registeredAt));
    } else if (earlier !== undefined) {
      add({
        field: "idNumber",
        code: "duplicate_id_number",
        text: {
          "zh-CN": `身份证号码与第 ${earlier} 行重复`,
          "en-US": `ID number repeats row ${earlier}`,
        },
      });
    } else {
      seen.set(digest, rowNumber(row));
    }
  }
  return errors;
}

/**
 * Creates many members in the caller's transaction (the single create comes through here; the
 * roster import checks first with validateMemberRows and then calls writeCheckedMembers): all
 * rows are valid and written, or a RosterRowsInvalid lists every error and nothing is written.
 * Each member gets an open history row and an audit row.
 */
export async function createMembersBulk(
  tx: Queryable,
  actor: Actor,
  rows: CreateMemberBody[],
  deps: BulkDeps,
  onWritten: (rows: number) => void = () => {},
): Promise<number[]> {
  authorize(actor, "create");
  if (rows.length === 0) return [];
  const errors = await validateMemberRows(tx, actor, rows, deps.cipher);
  if (errors.length > 0) throw new RosterRowsInvalid(errors);
  return writeCheckedMembers(tx, actor, rows, deps, onWritten);
}

/**
 * Writes rows that validateMemberRows passed earlier in the same transaction: the roster
 * import checks its 100,000 rows once, not a second time just before writing them. The
 * unique index still refuses an ID number another transaction registered in between.
 */
export async function writeCheckedMembers(
  tx: Queryable,
  actor: Actor,
  rows: CreateMemberBody[],
  deps: BulkDeps,
  onWritten: (rows: number) => void = () => {},
): Promise<number[]> {
  authorize(actor, "create");
  const homes = await findMemberHomes(
    tx,
    actor,
    "members:write",
    rows.map((r) => r.orgId),
  );
  const ids: number[] = [];
  // A slice at a time: its fields are sealed, written in one statement with its history and
  // audit rows, then the event loop turns; all inside the caller's one transaction.
  for (let from = 0; from < rows.length; from += SLICE) {
    const writes: MemberWrite[] = [];
    for (const r of rows.slice(from, from + SLICE)) {
      if (writes.length % TURN === 0) await yieldToLoop();
      writes.push(memberWrite(r, homes, deps.cipher));
    }
    try {
      ids.push(...(await insertMembers(tx, writes, actor.userId)));
    } catch (error) {
      if (isDuplicateIdNumber(error)) {
        throw new RosterRowsInvalid([
          { row: 0, field: "idNumber", code: "duplicate_id_number", text: duplicateText },
        ]);
      }
      throw error;
    }
    const added = ids.slice(from);
    onWritten(ids.length);
    await recordAuditMany(
      tx,
      deps.audit,
      writes.map((w, i) => {
        const { idNumberEnc, phoneEnc, idNumberDigest, ...visible } = w;
        return {
          action: "member.create",
          entityType: "member",
          entityId: added[i],
          orgPath: visible.orgPath,
          after: visible,
        };
      }),
    );
  }
  return ids;
}

function memberWrite(
  r: CreateMemberBody,
  homes: Map<number, { path: string }>,
  cipher: FieldCipher,
): MemberWrite {
  return {
    orgId: r.orgId,
    orgPath: homes.get(r.orgId)?.path ?? "",
    name: r.name,
    gender: r.gender,
    ethnicity: r.ethnicity ?? null,
    birthDate: r.birthDate,
    idNumberEnc: cipher.encrypt(r.idNumber),
    idNumberMasked: maskIdNumber(r.idNumber),
    idNumberDigest: cipher.digest(r.idNumber),
    phoneEnc: r.phone ? cipher.encrypt(r.phone) : null,
    phoneMasked: r.phone ? maskPhone(r.phone) : null,
    status: r.status,
    joinedOn: r.joinedOn,
    confirmedOn: r.confirmedOn ?? null,
    isCadre: r.isCadre,
    position: r.position ?? null,
  };
}
