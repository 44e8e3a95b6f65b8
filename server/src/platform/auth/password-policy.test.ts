import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generatePassword, passwordProblem } from "./password.ts";

describe("password policy", () => {
  it("accepts every password the system generates", () => {
    for (let i = 0; i < 500; i++) expect(passwordProblem(generatePassword())).toBeNull();
  });

  it("never accepts fewer than 10 characters that are not spaces, whatever the text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 3 }), (text, pad) => {
        const candidate = `${text}${" ".repeat(pad.length * 4)}`;
        if (passwordProblem(candidate) === null) {
          expect(candidate.replace(/\s/g, "").length).toBeGreaterThanOrEqual(10);
        }
      }),
    );
  });

  it("refuses any common word dressed up with case, digits and symbols", () => {
    const words = ["password", "qwerty", "woaini", "admin", "welcome", "dangjian"];
    fc.assert(
      fc.property(
        fc.constantFrom(...words),
        fc.integer({ min: 0, max: 9999 }),
        fc.constantFrom("!", "#", "@", "."),
        (word, digits, symbol) => {
          const dressed = `${word[0]?.toUpperCase()}${word.slice(1)}${symbol}${digits}`;
          expect(passwordProblem(dressed)).not.toBeNull();
        },
      ),
    );
  });
});
