import type { Actor } from "../../platform/auth/actor.ts";
import type { FieldCipher } from "../../platform/crypto.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import type { Text } from "../../platform/i18n.ts";
import { validateMemberRows } from "../members/create-members-bulk.ts";
import { CreateMemberBody } from "../members/members.schemas.ts";
import { searchOrgs } from "../orgs/search-orgs.ts";
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

/**
 * Resolves each 所在党组织 cell to one org in the caller's scope: a code (digits) must match
 * exactly; a name must match exactly one org, else the user is asked for the code.
 */
async function resolveOrgs(db: Queryable, actor: Actor, names: string[]) {
  const found = new Map<string, number | "ambiguous" | null>();
  for (const name of new Set(names.filter(Boolean))) {
    const page = await searchOrgs(db, actor, {
      q: name,
      page: 1,
      pageSize: 100,
      includeArchived: false,
    });
    const hits = page.items.filter((o) => (/^\d+$/.test(name) ? o.code === name : o.name === name));
    found.set(
      name,
      hits.length === 1 ? (hits[0]?.id ?? null) : hits.length > 1 ? "ambiguous" : null,
    );
  }
  return found;
}

export interface CheckedRoster {
  bodies: CreateMemberBody[];
  issues: CellIssue[];
  rows: number;
  validRows: number;
}

/**
 * Every problem of every row, by row and column, without writing anything: the cells that
 * could not be read, the input schema, then the members module's roster rules (ID checksum,
 * dates in order, scope, duplicates in the file or on the roll).
 */
export async function checkRoster(
  db: Queryable,
  actor: Actor,
  cipher: FieldCipher,
  parsed: { rows: RawMember[]; issues: CellIssue[] },
): Promise<CheckedRoster> {
  const issues = [...parsed.issues];
  const orgs = await resolveOrgs(
    db,
    actor,
    parsed.rows.map((r) => r.org),
  );
  const candidates: { row: number; body: CreateMemberBody }[] = [];
  for (const r of parsed.rows) {
    const org = orgs.get(r.org);
    if (r.org && (org === null || org === undefined))
      issues.push({ row: r.row, column: "所在党组织", text: cellText.orgUnknown });
    if (org === "ambiguous")
      issues.push({ row: r.row, column: "所在党组织", text: cellText.orgAmbiguous });
    if (issues.some((i) => i.row === r.row)) continue;
    const parsedBody = CreateMemberBody.safeParse({
      name: r.name,
      gender: r.gender,
      ethnicity: r.ethnicity,
      birthDate: r.birthDate,
      idNumber: r.idNumber,
      phone: r.phone,
      status: r.status,
      joinedOn: r.joinedOn,
      confirmedOn: r.confirmedOn,
      isCadre: r.isCadre,
      position: r.position,
      orgId: org,
    });
    if (!parsedBody.success) {
      const columns = new Set(
        parsedBody.error.issues.map((i) => columnOfField(String(i.path[0] ?? ""))),
      );
      for (const column of columns)
        issues.push({ row: r.row, column, text: (column && formatText[column]) || otherText });
      continue;
    }
    candidates.push({ row: r.row, body: parsedBody.data });
  }
  const ruleErrors = await validateMemberRows(
    db,
    actor,
    candidates.map((c) => c.body),
    cipher,
  );
  for (const e of ruleErrors) {
    issues.push({ row: candidates[e.row]?.row ?? 0, column: columnOfField(e.field), text: e.text });
  }
  const order = (c: ColumnHeader | null) => (c ? COLUMNS.findIndex((x) => x.header === c) : -1);
  issues.sort((a, b) => a.row - b.row || order(a.column) - order(b.column));
  const badRows = new Set(issues.map((i) => i.row));
  return {
    bodies: candidates.map((c) => c.body),
    issues,
    rows: parsed.rows.length,
    validRows: parsed.rows.filter((r) => !badRows.has(r.row)).length,
  };
}
