import { G, gPow, mul, type Point, parsePoint, pointHex, ZERO } from "./group.ts";

/** Exponential ElGamal: (A, B) = (r·G, m·G + r·K). Adding ciphertexts adds the counts. */
export interface Ciphertext {
  a: string;
  b: string;
}

export function encrypt(key: Point, m: 0 | 1, r: bigint): { A: Point; B: Point } {
  return { A: mul(G, r), B: gPow(m).add(mul(key, r)) };
}

export function parseCiphertext(c: Ciphertext): { A: Point; B: Point } {
  return { A: parsePoint(c.a), B: parsePoint(c.b) };
}

export const encodeCiphertext = ({ A, B }: { A: Point; B: Point }): Ciphertext => ({
  a: pointHex(A),
  b: pointHex(B),
});

/** The sum of ciphertexts; the empty sum is the encryption of 0 with r = 0. */
export function addCiphertexts(cs: Ciphertext[]): Ciphertext {
  let A = ZERO;
  let B = ZERO;
  for (const c of cs) {
    const p = parseCiphertext(c);
    A = A.add(p.A);
    B = B.add(p.B);
  }
  return encodeCiphertext({ A, B });
}

/** m from m·G by trying 0..max: counts are at most the number of voters. */
export function discreteLog(target: Point, max: number): number | null {
  let acc = ZERO;
  for (let m = 0; m <= max; m++) {
    if (acc.equals(target)) return m;
    acc = acc.add(G);
  }
  return null;
}
