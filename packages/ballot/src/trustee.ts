import { type Ciphertext, discreteLog, parseCiphertext } from "./elgamal.ts";
import {
  G,
  mul,
  parsePoint,
  parseScalar,
  pointHex,
  type Rand,
  scalarHex,
  secureRand,
  ZERO,
} from "./group.ts";
import { type Proof, proveEqualLogs, safely, verifyEqualLogs } from "./proofs.ts";

/**
 * A trustee's share of the round key: the secret stays in the trustee's browser; the public
 * key travels with a proof of knowledge of the secret, so no trustee can pick a key that
 * cancels another's (the rogue-key attack on a product of keys).
 */
export interface TrusteeKey {
  secret: string;
  publicKey: string;
  proof: Proof;
}

export function generateTrusteeKey(context: string, rand: Rand = secureRand): TrusteeKey {
  const x = rand();
  const X = mul(G, x);
  return {
    secret: scalarHex(x),
    publicKey: pointHex(X),
    proof: proveEqualLogs("trustee-key", context, [G], [X], x, rand),
  };
}

export function verifyTrusteeKey(context: string, publicKey: string, proof: Proof): boolean {
  return safely(() => {
    const X = parsePoint(publicKey);
    return !X.is0() && verifyEqualLogs("trustee-key", context, [G], [X], proof);
  });
}

/** The public key of the secret secret₁ + secret₂ + …: ballots are encrypted to it. */
export function jointKey(publicKeys: string[]): string {
  return pointHex(publicKeys.map(parsePoint).reduce((sum, X) => sum.add(X), ZERO));
}

/** The public key belonging to a secret: lets a trustee check a key file before using it. */
export const publicKeyOf = (secret: string): string => pointHex(mul(G, parseScalar(secret)));

/** D = x·A with a proof that the same x is behind the trustee's public key. */
export interface DecryptionShare {
  d: string;
  proof: Proof;
}

export function partialDecrypt(
  context: string,
  secret: string,
  tallies: Ciphertext[],
  rand: Rand = secureRand,
): DecryptionShare[] {
  const x = parseScalar(secret);
  const X = mul(G, x);
  return tallies.map((t) => {
    const { A } = parseCiphertext(t);
    const D = mul(A, x);
    return {
      d: pointHex(D),
      proof: proveEqualLogs("decryption-share", context, [G, A], [X, D], x, rand),
    };
  });
}

export function verifyShare(
  context: string,
  publicKey: string,
  tally: Ciphertext,
  share: DecryptionShare,
): boolean {
  return safely(() => {
    const { A } = parseCiphertext(tally);
    return verifyEqualLogs(
      "decryption-share",
      context,
      [G, A],
      [parsePoint(publicKey), parsePoint(share.d)],
      share.proof,
    );
  });
}

/**
 * The count inside a tally once every trustee's share is in: B − ΣD = m·G, and m is found by
 * trying 0..max. Null when no such m exists (a missing or wrong share).
 */
export function combineShares(tally: Ciphertext, shares: string[], max: number): number | null {
  const { B } = parseCiphertext(tally);
  const M = shares.map(parsePoint).reduce((acc, D) => acc.subtract(D), B);
  return discreteLog(M, max);
}
