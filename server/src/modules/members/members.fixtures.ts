/** Test data for the members tests: valid 身份证号码 and realistic members. */
import { idChecksumOk } from "./member-rules.ts";
import type { CreateMemberBody } from "./members.schemas.ts";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
let seq = 0;

/** A 身份证号码 with a correct check digit for this birth date and gender. */
export function idNumberFor(birthDate: string, gender: "male" | "female", region = "330102") {
  seq = (seq + 1) % 50;
  const order = String(seq * 2 + 100 + (gender === "male" ? 1 : 0)).padStart(3, "0");
  const body = `${region}${birthDate.replaceAll("-", "")}${order}`;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  const id = `${body}${"10X98765432"[sum % 11]}`;
  if (!idChecksumOk(id)) throw new Error("bad generator");
  return id;
}

/** The same ID number with its check digit changed, so only the checksum is wrong. */
export const wrongCheckDigit = (id: string) => `${id.slice(0, 17)}${id[17] === "0" ? "1" : "0"}`;

let phoneSeq = 1000;

export function memberInput(
  orgId: number,
  over: Partial<CreateMemberBody> & { name?: string } = {},
): CreateMemberBody {
  const birthDate = over.birthDate ?? "1978-03-15";
  const gender = over.gender ?? "male";
  return {
    name: "王建国",
    gender,
    ethnicity: "汉族",
    birthDate,
    idNumber: idNumberFor(birthDate, gender),
    phone: `1391234${String(++phoneSeq).slice(-4)}`,
    status: "full",
    joinedOn: "2001-07-01",
    confirmedOn: "2002-07-01",
    isCadre: false,
    position: null,
    orgId,
    ...over,
  };
}
