import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeCiphertext, encrypt } from "../src/elgamal.ts";
import { G, mod, parsePoint, secureRand } from "../src/group.ts";
import {
  combineShares,
  type EncryptedBallot,
  encodeBallot,
  encryptBallot,
  generateTrusteeKey,
  jointKey,
  partialDecrypt,
  tallyBallots,
  trackingCode,
  verifyBallot,
  verifyShare,
  verifyTrusteeKey,
} from "../src/index.ts";
import { proveEqualLogs, proveZeroOrOne } from "../src/proofs.ts";
import { ballotFor, GRADES, trustees, voterContext } from "./helpers.ts";

const ROUND = "round:1";
const ctx = voterContext(1, 7, 99);

function count(
  ballots: EncryptedBallot[],
  keys: { secret: string; publicKey: string }[],
  max: number,
) {
  const tallies = tallyBallots(ballots, GRADES);
  const shares = keys.map((k) => partialDecrypt(ROUND, k.secret, tallies));
  return tallies.map((t, i) => {
    for (const [j, k] of keys.entries()) {
      expect(verifyShare(ROUND, k.publicKey, t, shares[j]?.[i] as never)).toBe(true);
    }
    return combineShares(
      t,
      shares.map((s) => s[i]?.d as string),
      max,
    );
  });
}

describe("encrypt, add, decrypt", () => {
  it("counts exactly the grades cast, and every honest ballot verifies", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: GRADES - 1 }), { maxLength: 6 }),
        (choices) => {
          const { keys, joint } = trustees(ROUND);
          const ballots = choices.map((c, voter) => ballotFor(joint, voter, c));
          ballots.forEach((b, voter) => {
            expect(verifyBallot(joint, voterContext(1, voter, 99), b, GRADES)).toBe(true);
          });
          const expected = Array.from(
            { length: GRADES },
            (_, g) => choices.filter((c) => c === g).length,
          );
          expect(count(ballots, keys, choices.length)).toEqual(expected);
        },
      ),
      { numRuns: 8 },
    );
  });

  it("gives every ballot the same size and a tracking code of its own, whatever the grade", () => {
    const { joint } = trustees(ROUND);
    const ballots = [0, 1, 2, 3].map((g) => ballotFor(joint, 1, g));
    expect(new Set(ballots.map((b) => encodeBallot(b).length)).size).toBe(1);
    expect(new Set(ballots.map(trackingCode)).size).toBe(4);
    expect(trackingCode(ballots[0] as EncryptedBallot)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("does not decrypt with one trustee's share alone", () => {
    const { keys, joint } = trustees(ROUND);
    const tallies = tallyBallots([ballotFor(joint, 1, 2), ballotFor(joint, 2, 2)], GRADES);
    const one = partialDecrypt(ROUND, keys[0]?.secret as string, tallies);
    expect(tallies.map((t, i) => combineShares(t, [one[i]?.d as string], 1000))).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
});

describe("refusing forged and misdirected ballots", () => {
  const { keys, joint } = trustees(ROUND);
  const honest = encryptBallot(joint, ctx, 1, GRADES);

  it("refuses a ballot with any one hex digit changed", () => {
    const fields = (b: EncryptedBallot) => [
      ...b.choices.flatMap((_, i) =>
        ["a", "b", "c0", "v0", "c1", "v1"].map((f) => [i, f] as const),
      ),
      [-1, "c"] as const,
      [-1, "v"] as const,
    ];
    const all = fields(honest);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: all.length - 1 }),
        fc.integer({ min: 0, max: 63 }),
        fc.integer({ min: 1, max: 15 }),
        (f, pos, delta) => {
          const forged = structuredClone(honest);
          const [i, name] = all[f] as (typeof all)[number];
          const holder: Record<string, string> =
            i < 0
              ? (forged.sumProof as unknown as Record<string, string>)
              : name === "a" || name === "b"
                ? (forged.choices[i] as unknown as Record<string, string>)
                : (forged.choices[i]?.proof as unknown as Record<string, string>);
          const old = holder[name] as string;
          const digit = ((Number.parseInt(old[pos] as string, 16) + delta) % 16).toString(16);
          holder[name] = old.slice(0, pos) + digit + old.slice(pos + 1);
          expect(verifyBallot(joint, ctx, forged, GRADES)).toBe(false);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("refuses a ballot under another key, another voter or another member", () => {
    const other = trustees(ROUND).joint;
    expect(verifyBallot(joint, ctx, honest, GRADES)).toBe(true);
    expect(verifyBallot(other, ctx, honest, GRADES)).toBe(false);
    expect(verifyBallot(joint, voterContext(1, 8, 99), honest, GRADES)).toBe(false);
    expect(verifyBallot(joint, voterContext(1, 7, 98), honest, GRADES)).toBe(false);
    expect(verifyBallot(joint, voterContext(2, 7, 99), honest, GRADES)).toBe(false);
  });

  it("refuses wrong shapes without throwing", () => {
    const junk = [
      {},
      { choices: honest.choices.slice(0, 3), sumProof: honest.sumProof },
      { ...honest, sumProof: { c: "zz", v: honest.sumProof.v } },
      { ...honest, choices: honest.choices.map((c) => ({ ...c, a: "ff".repeat(32) })) },
      null,
    ];
    for (const b of junk)
      expect(verifyBallot(joint, ctx, b as EncryptedBallot, GRADES)).toBe(false);
  });

  /** A voter who runs the honest prover on a dishonest vote: each trick fails one check. */
  function cheat(values: number[]): EncryptedBallot {
    const K = parsePoint(joint);
    let R = 0n;
    let A = G.subtract(G);
    let B = A;
    const choices = values.map((m) => {
      const r = secureRand();
      R = mod(R + r);
      const c = encrypt(K, 0, r);
      const shifted = { A: c.A, B: c.B.add(G.multiplyUnsafe(mod(BigInt(m)))) };
      A = A.add(shifted.A);
      B = B.add(shifted.B);
      const claimed = (m === 1 ? 1 : 0) as 0 | 1;
      return {
        ...encodeCiphertext(shifted),
        proof: proveZeroOrOne(ctx, K, shifted.A, shifted.B, claimed, r, secureRand),
      };
    });
    return {
      choices,
      sumProof: proveEqualLogs("sum-is-one", ctx, [G, K], [A, B.subtract(G)], R, secureRand),
    };
  }

  it("refuses two grades at once, no grade, a double vote and a negative vote", () => {
    expect(verifyBallot(joint, ctx, cheat([0, 1, 0, 0]), GRADES)).toBe(true);
    for (const values of [
      [1, 1, 0, 0],
      [0, 0, 0, 0],
      [2, 0, 0, 0],
      [2, -1, 0, 0],
      [0, 0, 0, 2],
    ]) {
      expect(verifyBallot(joint, ctx, cheat(values), GRADES)).toBe(false);
    }
  });

  it("accepts a trustee key only with its proof, and a share only from the key's owner", () => {
    const key = generateTrusteeKey(ROUND);
    expect(verifyTrusteeKey(ROUND, key.publicKey, key.proof)).toBe(true);
    expect(verifyTrusteeKey("round:2", key.publicKey, key.proof)).toBe(false);
    // A rogue key that would cancel the other trustee's has no proof: borrowing one fails.
    const rogue = jointKey([key.publicKey, generateTrusteeKey(ROUND).publicKey]);
    expect(verifyTrusteeKey(ROUND, rogue, key.proof)).toBe(false);

    const tallies = tallyBallots([honest], GRADES);
    const [mine] = partialDecrypt(ROUND, keys[0]?.secret as string, tallies);
    const [stranger] = partialDecrypt(ROUND, key.secret, tallies);
    expect(
      verifyShare(ROUND, keys[0]?.publicKey as string, tallies[0] as never, mine as never),
    ).toBe(true);
    expect(
      verifyShare(ROUND, keys[0]?.publicKey as string, tallies[0] as never, stranger as never),
    ).toBe(false);
    expect(
      verifyShare("round:2", keys[0]?.publicKey as string, tallies[0] as never, mine as never),
    ).toBe(false);
  });
});
