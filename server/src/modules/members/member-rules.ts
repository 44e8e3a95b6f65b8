import { BadInput } from "../../platform/errors.ts";
import type { Text } from "../../platform/i18n.ts";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

/** GB 11643-1999: the 18th character of a 居民身份证号码 is an ISO 7064 MOD 11-2 checksum. */
export function idChecksumOk(id: string): boolean {
  if (!/^[0-9]{17}[0-9X]$/.test(id)) return false;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return CHECK[sum % 11] === id[17];
}

/** The birth date written in an ID number (positions 7-14), as YYYY-MM-DD. */
export function idBirthDate(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** The 17th character is odd for men and even for women. */
export function idGender(id: string): "male" | "female" {
  return Number(id[16]) % 2 === 1 ? "male" : "female";
}

export interface MemberFacts {
  name: string;
  gender: "male" | "female";
  birthDate: string;
  /** Clear ID number, or null when it was not touched and need not be re-checked. */
  idNumber: string | null;
  status: "full" | "probationary";
  joinedOn: string;
  confirmedOn: string | null;
  legacy: boolean;
  isCadre: boolean;
  position: string | null;
}

export interface RuleError {
  field: string;
  text: Text;
  code: string;
}

function addYears(date: string, years: number): string {
  return `${String(Number(date.slice(0, 4)) + years).padStart(4, "0")}${date.slice(4)}`;
}

/**
 * The roster rules of one member, all at once: every broken rule is returned with its field,
 * so a form or an import preview can show each beside its cell. `today` is China's date.
 */
export function memberRuleErrors(m: MemberFacts, today: string): RuleError[] {
  const errors: RuleError[] = [];
  const fail = (field: string, code: string, zh: string, en: string) =>
    errors.push({ field, code, text: { "zh-CN": zh, "en-US": en } });

  if (m.idNumber !== null) {
    if (!idChecksumOk(m.idNumber)) {
      fail(
        "idNumber",
        "id_checksum",
        "身份证号码校验位不正确，请核对",
        "The ID number's check digit is wrong",
      );
    } else {
      if (idBirthDate(m.idNumber) !== m.birthDate) {
        fail(
          "idNumber",
          "id_birth_mismatch",
          `身份证号码中的出生日期（${idBirthDate(m.idNumber)}）与出生日期不一致`,
          `The birth date in the ID number (${idBirthDate(m.idNumber)}) differs from birthDate`,
        );
      }
      if (idGender(m.idNumber) !== m.gender) {
        fail(
          "gender",
          "id_gender_mismatch",
          "性别与身份证号码不一致",
          "Gender does not match the ID number",
        );
      }
    }
  }
  if (m.birthDate > today) {
    fail("birthDate", "in_future", "出生日期不能晚于今天", "birthDate cannot be in the future");
  }
  if (m.joinedOn > today) {
    fail("joinedOn", "in_future", "入党日期不能晚于今天", "joinedOn cannot be in the future");
  } else if (m.joinedOn < addYears(m.birthDate, 18)) {
    fail(
      "joinedOn",
      "too_young",
      "入党时应年满十八岁，请核对入党日期和出生日期",
      "A member must be 18 or older when joining; check joinedOn and birthDate",
    );
  }
  if (m.status === "probationary" && m.confirmedOn !== null) {
    fail(
      "confirmedOn",
      "probationary_confirmed",
      "预备党员不应填写转正日期",
      "A probationary member has no confirmation date",
    );
  }
  if (m.status === "full" && m.confirmedOn === null && !m.legacy) {
    fail(
      "confirmedOn",
      "required",
      "正式党员须填写转正日期（历史档案缺失时请标注为历史数据）",
      "A full member needs confirmedOn (mark old records without it as legacy)",
    );
  }
  if (m.confirmedOn !== null) {
    if (m.confirmedOn < m.joinedOn) {
      fail(
        "confirmedOn",
        "before_joined",
        "转正日期不能早于入党日期",
        "confirmedOn is before joinedOn",
      );
    } else if (m.confirmedOn > today) {
      fail(
        "confirmedOn",
        "in_future",
        "转正日期不能晚于今天",
        "confirmedOn cannot be in the future",
      );
    }
  }
  if (m.isCadre && !m.position) {
    fail("position", "required", "党员干部须填写职务", "A cadre needs a position");
  }
  return errors;
}

/** Throws the first broken rule as a 400 naming its field. */
export function assertMemberRules(m: MemberFacts, today: string) {
  const [first] = memberRuleErrors(m, today);
  if (first) throw new BadInput(first.field, first.text, first.code);
}
