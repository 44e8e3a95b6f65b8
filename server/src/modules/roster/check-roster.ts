import type { Actor } from "../../platform/auth/actor.ts";
import type { FieldCipher } from "../../platform/crypto.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import type { Text } from "../../platform/i18n.ts";
import { validateMemberRows } from "../members/create-members-bulk.ts";
import { CreateMemberBody } from "../members/members.schemas.ts";
import { resolveOrgKeys } from "../orgs/member-homes.ts";
import type { CellIssue, RawMember } from "./parse-roster.ts";
import { COLUMNS, type ColumnHeader, cellText, columnOfField } from "./roster-columns.ts";

const formatText: Partial<Record<ColumnHeader, Text>> = {
  身份证号: { "zh-CN": "应为 18 位身份证号码", "en-US": "Must be an 18-character ID number" },
  手机号: { "zh-CN": "应为 11 位手机号码", "en-US": "Must be an 11-digit mobile number" },
  民族: {
    "zh-CN": "不是规范的民族名称（如：汉族）",
    "en-US": "Not a recognised ethnicity (e.g. 汉族)",
  },
  姓名: { "zh-CN": "姓名过长（至多 50 字）", "en-US": "Name too long (50 characters at most)" },
  职务: { "zh-CN": "职务过长（至多 50 字）", "en-US": "Position too long (50 characters at most)" },
};
const otherText: Text = { "zh-CN": "内容不正确", "en-US": "Invalid value" };

type Field = keyof CreateMemberBody;
const FIELDS = Object.keys(CreateMemberBody.shape) as Field[];

/**
 * The fields each roster rule reads besides the one it names: a rule is reported only when
 * every field it reads is itself valid, so a bad 出生日期 is not also a 身份证号 mismatch. A rule
 * not listed here is reported only for a row whose fields are all valid.
 */
const RULE_READS: Record<string, Field[]> = {
  id_checksum: ["idNumber"],
  id_birth_mismatch: ["idNumber", "birthDate"],
  id_gender_mismatch: ["idNumber", "gender"],
  in_future: [],
  too_young: ["joinedOn", "birthDate"],
  probationary_confirmed: ["status", "confirmedOn"],
  required: ["status", "confirmedOn", "isCadre", "position"],
  before_joined: ["confirmedOn", "joinedOn"],
  org_not_found: ["orgId"],
  org_holds_no_members: ["orgId"],
  duplicate_id_number: ["idNumber"],
  id_number_elsewhere: ["idNumber"],
};

/** Rows checked between two turns of the event loop: a 100,000-row file never holds it long. */
const SLICE = 250;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function inputOf(r: RawMember, orgId: number | null): Record<Field, unknown> {
  return {
    name: r.name,
    gender: r.gender,
    ethnicity: r.ethnicity,
    birthDate: r.birthDate,
    idNumber: r.idNumber,
    phone: r.phone,
    status: r.status,
    joinedOn: r.joinedOn,
    confirmedOn: r.confirmedOn,
    legacy: undefined,
    isCadre: r.isCadre,
    position: r.position,
    orgId,
  };
}

/**
 * Every problem of every row, batch by batch, by row and column, without writing anything: the
 * cells that could not be read, each field's format, the organization, and the members
 * module's roster rules (ID checksum, dates in order, scope, duplicates in the file or on the
 * roll) on whatever fields are valid. A row with three problems shows all three at once,
 * never one per upload. Only what spans batches is kept between them: the issues, the org
 * names resolved and each ID number's first row.
 */
export class RosterCheck {
  private readonly found: CellIssue[] = [];
  private readonly orgs = new Map<string, number | "ambiguous" | null>();
  private readonly seen = new Map<string, number>();
  rows = 0;
  validRows = 0;

  constructor(
    private readonly db: Queryable,
    private readonly actor: Actor,
    private readonly cipher: FieldCipher,
  ) {}

  /** Checks one batch; returns the bodies of its rows that have no issue. */
  async check(batch: { rows: RawMember[]; issues: CellIssue[] }): Promise<CreateMemberBody[]> {
    const issues = [...batch.issues];
    const orgs = await this.resolveOrgs(batch.rows);
    const badCells = new Set(issues.map((i) => `${i.row}:${i.column}`));
    // Only rows with an invalid field get a set: a clean 100,000-row file allocates none.
    const invalid = new Map<number, Set<Field>>();
    const none = new Set<Field>();
    const bodies: CreateMemberBody[] = [];
    const readIssues = new Set(issues.map((i) => i.row));
    for (const [n, r] of batch.rows.entries()) {
      if (n % SLICE === SLICE - 1) await yieldToLoop();
      const org = orgs.get(r.org);
      // A clean row, as nearly all are, is parsed whole. Field by field, with a key string per
      // cell, checking a 100,000-row file allocated ~1 GB on the main thread; whole, about
      // half (sampled, issue 10). Any row the whole parse refuses is checked field by field.
      if (typeof org === "number" && !readIssues.has(r.row)) {
        const whole = CreateMemberBody.safeParse(inputOf(r, org));
        if (whole.success) {
          bodies.push(whole.data);
          continue;
        }
      }
      const bad = new Set<Field>();
      const flag = (field: Field, text: Text) => {
        bad.add(field);
        const column = columnOfField(field);
        if (badCells.has(`${r.row}:${column}`)) return;
        badCells.add(`${r.row}:${column}`);
        issues.push({ row: r.row, column, text });
      };
      if (r.org && (org === null || org === undefined)) flag("orgId", cellText.orgUnknown);
      if (org === "ambiguous") flag("orgId", cellText.orgAmbiguous);
      const input = inputOf(r, typeof org === "number" ? org : null);
      const body: Record<string, unknown> = {};
      for (const field of FIELDS) {
        const column = columnOfField(field);
        const result = CreateMemberBody.shape[field].safeParse(input[field]);
        if (result.success && !badCells.has(`${r.row}:${column}`)) body[field] = result.data;
        else flag(field, (column && formatText[column]) || otherText);
      }
      if (bad.size > 0) invalid.set(n, bad);
      bodies.push((bad.size > 0 ? standIn(body, r.row) : body) as CreateMemberBody);
    }
    const ruleErrors = await validateMemberRows(this.db, this.actor, bodies, this.cipher, {
      seen: this.seen,
      rowNumber: (i) => batch.rows[i]?.row ?? 0,
    });
    for (const e of ruleErrors) {
      const bad = invalid.get(e.row) ?? none;
      const reads = RULE_READS[e.code];
      const field = e.field as Field;
      const blocked = reads ? [field, ...reads].some((f) => bad.has(f)) : bad.size > 0;
      if (blocked) continue;
      issues.push({
        row: batch.rows[e.row]?.row ?? 0,
        column: columnOfField(e.field),
        text: e.text,
        code: e.code,
      });
    }
    const badRows = new Set(issues.map((i) => i.row));
    const valid = bodies.filter((_, i) => !badRows.has(batch.rows[i]?.row ?? 0));
    this.rows += batch.rows.length;
    this.validRows += valid.length;
    this.found.push(...issues);
    return valid;
  }

  /** Every issue so far, by row and then in the columns' order. */
  get issues(): CellIssue[] {
    const order = (c: ColumnHeader | null) => (c ? COLUMNS.findIndex((x) => x.header === c) : -1);
    return [...this.found].sort((a, b) => a.row - b.row || order(a.column) - order(b.column));
  }

  get issueCount(): number {
    return this.found.length;
  }

  private async resolveOrgs(rows: RawMember[]) {
    const fresh = [...new Set(rows.map((r) => r.org))].filter((k) => !this.orgs.has(k));
    for (const [k, v] of await resolveOrgKeys(this.db, this.actor, fresh)) this.orgs.set(k, v);
    return this.orgs;
  }
}

/**
 * Fills a row's invalid fields with values that let the rules run on the valid ones; the
 * rules' findings about a stand-in are dropped (RULE_READS). The ID stand-in is unique per
 * row and fails every format, so it can never match a real number on the roll.
 */
function standIn(body: Record<string, unknown>, row: number): Record<string, unknown> {
  return {
    name: "—",
    gender: "male",
    birthDate: "1900-01-01",
    idNumber: `invalid-row-${row}`,
    status: "full",
    joinedOn: "1950-01-01",
    isCadre: false,
    orgId: 0,
    ...body,
  };
}
