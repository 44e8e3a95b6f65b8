import type { FieldCipher } from "../platform/crypto.ts";
import { maskIdNumber, maskPhone } from "../platform/crypto.ts";
import { ETHNICITIES, identityFor, mobile, personName, type Random } from "./names.ts";

const CADRE_POSITIONS = [
  "党支部书记",
  "党委副书记",
  "科长",
  "副局长",
  "办公室主任",
  "镇长",
  "副县长",
  "处长",
];

export interface SeedMember {
  name: string;
  gender: "male" | "female";
  ethnicity: string;
  birthDate: string;
  idNumber: string;
  phone: string;
  status: "full" | "probationary";
  joinedOn: string;
  confirmedOn: string | null;
  isCadre: boolean;
  position: string | null;
}

/** One roster member for serial number `serial`; about one in twelve is a cadre. */
export function seedMember(random: Random, serial: number, cadreShare = 1 / 12): SeedMember {
  const gender = random.next() < 0.72 ? "male" : "female";
  const { birthDate, idNumber } = identityFor(serial, gender);
  const birthYear = Number(birthDate.slice(0, 4));
  const probationary = random.next() < 0.04;
  const joinYear = probationary ? 2026 : Math.min(birthYear + random.int(19, 38), 2024);
  const joinedOn = `${joinYear}-${String(random.int(1, probationary ? 9 : 12)).padStart(2, "0")}-${String(random.int(1, 28)).padStart(2, "0")}`;
  const isCadre = random.next() < cadreShare;
  return {
    name: personName(random, gender),
    gender,
    ethnicity: random.pick(ETHNICITIES),
    birthDate,
    idNumber,
    phone: mobile(random),
    status: probationary ? "probationary" : "full",
    joinedOn,
    confirmedOn: probationary ? null : `${joinYear + 1}${joinedOn.slice(4)}`,
    isCadre,
    position: isCadre ? random.pick(CADRE_POSITIONS) : null,
  };
}

const MEMBER_COLUMNS = [
  "org_id",
  "org_path",
  "name",
  "gender",
  "ethnicity",
  "birth_date",
  "id_number_enc",
  "id_number_masked",
  "id_number_digest",
  "phone_enc",
  "phone_masked",
  "status",
  "joined_on",
  "confirmed_on",
  "is_cadre",
  "position",
] as const;

export const MEMBER_COPY_SQL = `COPY members (${MEMBER_COLUMNS.join(", ")}) FROM STDIN`;

/** The member as one line of PostgreSQL's COPY text format. */
export function memberCopyLine(
  cipher: FieldCipher,
  orgId: number,
  orgPath: string,
  m: SeedMember,
): string {
  const bytea = (b: Buffer) => `\\\\x${b.toString("hex")}`;
  return [
    orgId,
    orgPath,
    m.name,
    m.gender,
    m.ethnicity,
    m.birthDate,
    bytea(cipher.encrypt(m.idNumber)),
    maskIdNumber(m.idNumber),
    cipher.digest(m.idNumber),
    bytea(cipher.encrypt(m.phone)),
    maskPhone(m.phone),
    m.status,
    m.joinedOn,
    m.confirmedOn ?? "\\N",
    m.isCadre ? "t" : "f",
    m.position ?? "\\N",
  ].join("\t");
}
