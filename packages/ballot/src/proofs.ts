import {
  challenge,
  G,
  MalformedInput,
  mod,
  mul,
  mulPublic,
  type Point,
  parseScalar,
  type Rand,
  scalarHex,
} from "./group.ts";

/** A non-interactive proof as (challenge, response); the commitments are recomputed. */
export interface Proof {
  c: string;
  v: string;
}

/** Two branches, one real and one simulated: the ciphertext holds 0 or 1. */
export interface ZeroOneProof {
  c0: string;
  v0: string;
  c1: string;
  v1: string;
}

/**
 * Proof that one secret x satisfies images[i] = x·bases[i] for every i (Schnorr for one base,
 * Chaum-Pedersen for two). Commitments a_i = w·bases[i], challenge c = H(tag, context, bases,
 * images, commitments), response v = w + c·x.
 */
export function proveEqualLogs(
  tag: string,
  context: string,
  bases: Point[],
  images: Point[],
  x: bigint,
  rand: Rand,
): Proof {
  const w = rand();
  const commitments = bases.map((b) => mul(b, w));
  const c = challenge(tag, context, ...bases, ...images, ...commitments);
  return { c: scalarHex(c), v: scalarHex(mod(w + c * x)) };
}

export function verifyEqualLogs(
  tag: string,
  context: string,
  bases: Point[],
  images: Point[],
  proof: Proof,
): boolean {
  const c = parseScalar(proof.c);
  const v = parseScalar(proof.v);
  const commitments = bases.map((b, i) =>
    mulPublic(b, v).subtract(mulPublic(images[i] as Point, c)),
  );
  return challenge(tag, context, ...bases, ...images, ...commitments) === c;
}

/**
 * Disjunctive Chaum-Pedersen proof (Cramer-Damgård-Schoenmakers, as in ElectionGuard and
 * Helios) that (A, B) = (r·G, m·G + r·K) with m ∈ {0, 1}. The branch for the other value is
 * simulated from a chosen challenge and response; the real branch takes what is left of the
 * hash, so a verifier cannot tell which branch was real.
 */
export function proveZeroOrOne(
  context: string,
  key: Point,
  A: Point,
  B: Point,
  m: 0 | 1,
  r: bigint,
  rand: Rand,
): ZeroOneProof {
  const fake = (1 - m) as 0 | 1;
  const cFake = rand();
  const vFake = rand();
  const u = rand();
  const shifted = (j: 0 | 1) => (j === 0 ? B : B.subtract(G));
  const commit: Record<0 | 1, [Point, Point]> = { 0: [G, G], 1: [G, G] };
  commit[m] = [mul(G, u), mul(key, u)];
  commit[fake] = [
    mulPublic(G, vFake).subtract(mulPublic(A, cFake)),
    mulPublic(key, vFake).subtract(mulPublic(shifted(fake), cFake)),
  ];
  const c = challenge("zero-or-one", context, key, A, B, ...commit[0], ...commit[1]);
  const cReal = mod(c - cFake);
  const vReal = mod(u + cReal * r);
  const byBranch = { [m]: [cReal, vReal], [fake]: [cFake, vFake] } as Record<0 | 1, bigint[]>;
  return {
    c0: scalarHex(byBranch[0][0] as bigint),
    v0: scalarHex(byBranch[0][1] as bigint),
    c1: scalarHex(byBranch[1][0] as bigint),
    v1: scalarHex(byBranch[1][1] as bigint),
  };
}

export function verifyZeroOrOne(
  context: string,
  key: Point,
  A: Point,
  B: Point,
  proof: ZeroOneProof,
): boolean {
  const c0 = parseScalar(proof.c0);
  const v0 = parseScalar(proof.v0);
  const c1 = parseScalar(proof.c1);
  const v1 = parseScalar(proof.v1);
  const B1 = B.subtract(G);
  const commits = [
    mulPublic(G, v0).subtract(mulPublic(A, c0)),
    mulPublic(key, v0).subtract(mulPublic(B, c0)),
    mulPublic(G, v1).subtract(mulPublic(A, c1)),
    mulPublic(key, v1).subtract(mulPublic(B1, c1)),
  ];
  return challenge("zero-or-one", context, key, A, B, ...commits) === mod(c0 + c1);
}

/** Verifiers call this so that a malformed field is a refusal, never an exception. */
export function safely(check: () => boolean): boolean {
  try {
    return check();
  } catch (error) {
    if (error instanceof MalformedInput) return false;
    throw error;
  }
}
