import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { identityFor } from "./names.ts";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11643: the check digit computed independently of the generator. */
function checkDigitOk(id: string): boolean {
  const sum = [...id.slice(0, 17)].reduce((s, c, i) => s + Number(c) * (WEIGHTS[i] ?? 0), 0);
  return "10X98765432"[sum % 11] === id[17];
}

describe("seeded identities", () => {
  it("carry a valid check digit, the birth date inside the ID number and the right gender", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60_000_000 }),
        fc.constantFrom("male" as const, "female" as const),
        (serial, gender) => {
          const { birthDate, idNumber } = identityFor(serial, gender);
          expect(idNumber).toMatch(/^[1-9][0-9]{16}[0-9X]$/);
          expect(checkDigitOk(idNumber)).toBe(true);
          expect(idNumber.slice(6, 14)).toBe(birthDate.replaceAll("-", ""));
          expect(Number(idNumber[16]) % 2).toBe(gender === "male" ? 1 : 0);
          expect(birthDate >= "1956-01-01" && birthDate <= "2000-12-31").toBe(true);
          expect(new Date(`${birthDate}T00:00:00Z`).toISOString().slice(0, 10)).toBe(birthDate);
        },
      ),
    );
  });

  it("give one branch's 31 members 31 different birthdays and never repeat an ID number", () => {
    const branch = Array.from({ length: 31 }, (_, k) => identityFor(1_000 + k, "male").birthDate);
    expect(new Set(branch).size).toBe(31);
    const seen = new Set<string>();
    for (let serial = 0; serial < 60_000; serial++) {
      seen.add(identityFor(serial, serial % 4 ? "male" : "female").idNumber);
    }
    expect(seen.size).toBe(60_000);
  });
});
