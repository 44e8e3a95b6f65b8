import {
  addCiphertexts,
  type Ciphertext,
  encodeCiphertext,
  encrypt,
  parseCiphertext,
} from "./elgamal.ts";
import {
  G,
  MalformedInput,
  mod,
  parseKey,
  type Rand,
  secureRand,
  sha256Hex,
  ZERO,
} from "./group.ts";
import {
  type Proof,
  proveEqualLogs,
  proveZeroOrOne,
  safely,
  verifyEqualLogs,
  verifyZeroOrOne,
  type ZeroOneProof,
} from "./proofs.ts";

/** One ciphertext per option, each proved to hold 0 or 1. */
export interface EncryptedChoice extends Ciphertext {
  proof: ZeroOneProof;
}

/**
 * A ballot on one question with `options` answers (for 民主评议: 优秀, 合格, 基本合格, 不合格):
 * one ciphertext per answer and a proof that their sum holds exactly 1. Every field is 64 hex
 * characters, so all ballots of a question are the same size whatever they say.
 */
export interface EncryptedBallot {
  choices: EncryptedChoice[];
  sumProof: Proof;
}

/**
 * Encrypts `choice` (0-based) to the joint key. `context` names where the ballot may be used
 * (round, voter, member): it is hashed into every proof, so a copied ballot does not verify
 * for anyone else.
 */
export function encryptBallot(
  jointKey: string,
  context: string,
  choice: number,
  options: number,
  rand: Rand = secureRand,
): EncryptedBallot {
  if (!Number.isInteger(options) || options < 2) throw new RangeError("options must be >= 2");
  if (!Number.isInteger(choice) || choice < 0 || choice >= options) {
    throw new RangeError("choice out of range");
  }
  const K = parseKey(jointKey);
  const choices: EncryptedChoice[] = [];
  const sum = { A: ZERO, B: ZERO, r: 0n };
  for (let i = 0; i < options; i++) {
    const m = i === choice ? 1 : 0;
    const r = rand();
    const { A, B } = encrypt(K, m, r);
    sum.A = sum.A.add(A);
    sum.B = sum.B.add(B);
    sum.r = mod(sum.r + r);
    choices.push({
      ...encodeCiphertext({ A, B }),
      proof: proveZeroOrOne(context, K, A, B, m, r, rand),
    });
  }
  const sumProof = proveEqualLogs(
    "sum-is-one",
    context,
    [G, K],
    [sum.A, sum.B.subtract(G)],
    sum.r,
    rand,
  );
  return { choices, sumProof };
}

/**
 * True when every ciphertext holds 0 or 1 and they add up to 1, for this key and context.
 * Anything malformed (wrong shape, non-canonical scalar, invalid point) is false.
 */
export function verifyBallot(
  jointKey: string,
  context: string,
  ballot: EncryptedBallot,
  options: number,
): boolean {
  return safely(() => {
    if (!Array.isArray(ballot?.choices) || ballot.choices.length !== options) return false;
    const K = parseKey(jointKey);
    let A = ZERO;
    let B = ZERO;
    for (const choice of ballot.choices) {
      const c = parseCiphertext(choice);
      if (!verifyZeroOrOne(context, K, c.A, c.B, choice.proof)) return false;
      A = A.add(c.A);
      B = B.add(c.B);
    }
    return verifyEqualLogs("sum-is-one", context, [G, K], [A, B.subtract(G)], ballot.sumProof);
  });
}

/** Per option, the sum of that option's ciphertexts over all ballots: the encrypted counts. */
export function tallyBallots(ballots: EncryptedBallot[], options: number): Ciphertext[] {
  return Array.from({ length: options }, (_, i) =>
    addCiphertexts(
      ballots.map((b) => {
        const c = b.choices[i];
        if (!c) throw new MalformedInput("ballot");
        return { a: c.a, b: c.b };
      }),
    ),
  );
}

/** The one text form of a ballot: fixed key order, so its hash is its tracking code. */
export function encodeBallot(ballot: EncryptedBallot): string {
  return JSON.stringify({
    choices: ballot.choices.map((c) => ({
      a: c.a,
      b: c.b,
      proof: { c0: c.proof.c0, v0: c.proof.v0, c1: c.proof.c1, v1: c.proof.v1 },
    })),
    sumProof: { c: ballot.sumProof.c, v: ballot.sumProof.v },
  });
}

/** SHA-256 of the encoded ballot: what the voter keeps to find their ballot in the list. */
export const trackingCode = (ballot: EncryptedBallot): string => sha256Hex(encodeBallot(ballot));
