import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { idBirthDate, idChecksumOk, idGender, memberRuleErrors } from "./member-rules.ts";
import { idNumberFor } from "./members.fixtures.ts";

const base = {
  name: "李秀英",
  gender: "female" as const,
  birthDate: "1985-10-02",
  idNumber: idNumberFor("1985-10-02", "female", "110105"),
  status: "full" as const,
  joinedOn: "2008-06-30",
  confirmedOn: "2009-06-30",
  legacy: false,
  isCadre: false,
  position: null,
};
const today = "2025-01-01";
const fields = (over: Partial<typeof base> | Record<string, unknown>) =>
  memberRuleErrors({ ...base, ...over } as typeof base, today).map((e) => e.field);

describe("ID numbers", () => {
  it("accepts a correct checksum, including X, and reads birth date and gender", () => {
    expect(idChecksumOk("11010519491231002X")).toBe(true);
    expect(idChecksumOk("110105194912310021")).toBe(false);
    expect(idBirthDate("11010519491231002X")).toBe("1949-12-31");
    expect(idGender("11010519491231002X")).toBe("female");
    expect(idGender(idNumberFor("1960-01-01", "male"))).toBe("male");
  });

  it("catches every single-digit typo (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const id = "11010519491231002X";
        const digit = (Number(id[pos]) + delta) % 10;
        const typo = `${id.slice(0, pos)}${digit}${id.slice(pos + 1)}`;
        expect(idChecksumOk(typo)).toBe(false);
      }),
    );
  });
});

describe("member rules", () => {
  it("accepts a consistent record", () => {
    expect(fields({})).toEqual([]);
  });

  it("names the field of each broken rule", () => {
    const typo = `${base.idNumber.slice(0, 17)}${base.idNumber[17] === "0" ? "1" : "0"}`;
    expect(fields({ idNumber: typo })).toEqual(["idNumber"]);
    expect(fields({ birthDate: "1985-10-03" })).toContain("idNumber");
    expect(fields({ gender: "male" })).toEqual(["gender"]);
    expect(fields({ confirmedOn: null })).toEqual(["confirmedOn"]);
    expect(fields({ confirmedOn: null, legacy: true })).toEqual([]);
    expect(fields({ status: "probationary" })).toEqual(["confirmedOn"]);
    expect(fields({ status: "probationary", confirmedOn: null })).toEqual([]);
    expect(fields({ confirmedOn: "2008-01-01" })).toEqual(["confirmedOn"]);
    expect(fields({ joinedOn: "2003-10-01", confirmedOn: "2004-10-01" })).toEqual(["joinedOn"]);
    expect(fields({ joinedOn: "2026-01-01", confirmedOn: null, legacy: true })).toEqual([
      "joinedOn",
    ]);
    expect(fields({ isCadre: true })).toEqual(["position"]);
    expect(fields({ isCadre: true, position: "党支部书记" })).toEqual([]);
  });
});
