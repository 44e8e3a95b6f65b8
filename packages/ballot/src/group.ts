import { ristretto255 } from "@noble/curves/ed25519.js";
import { sha256, sha512 } from "@noble/hashes/sha2.js";
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";

/**
 * The prime-order group every proof lives in: ristretto255 (RFC 9496) from @noble/curves, so
 * there is no cofactor to clear and every valid encoding is a group element. Points and
 * scalars travel as 64 hex characters, which gives every ballot the same length whatever it
 * encodes.
 */
export type Point = InstanceType<typeof ristretto255.Point>;
export const G: Point = ristretto255.Point.BASE;
G.precompute(8);
export const ZERO: Point = ristretto255.Point.ZERO;
/** The group order ℓ = 2^252 + 27742317777372353535851937790883648493. */
export const ORDER: bigint = ristretto255.Point.Fn.ORDER;

/** Where randomness comes from; tests pass a seeded one to derive fixed vectors. */
export type Rand = () => bigint;

/** A protocol input that is not a well-formed point or scalar. */
export class MalformedInput extends Error {
  constructor(what: string) {
    super(`malformed ${what}`);
    this.name = "MalformedInput";
  }
}

export const mod = (n: bigint): bigint => ((n % ORDER) + ORDER) % ORDER;

const HEX64 = /^[0-9a-f]{64}$/;

function bytesToLe(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i] as number);
  return n;
}

function leBytes(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0, v = n; i < 32; i++, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

/** A uniform scalar in [1, ℓ): 64 random bytes reduced mod ℓ leave a bias below 2^-250. */
export const secureRand: Rand = () => {
  for (;;) {
    const s = mod(bytesToLe(globalThis.crypto.getRandomValues(new Uint8Array(64))));
    if (s !== 0n) return s;
  }
};

/** Secret scalars go through the constant-time ladder; zero is the identity, which it refuses. */
export const mul = (p: Point, s: bigint): Point => (s === 0n ? ZERO : p.multiply(s));
/** For public scalars only (challenges and responses a verifier reads). */
export const mulPublic = (p: Point, s: bigint): Point => p.multiplyUnsafe(s);
/** g^m for a small count; also used for the exponent of exponential ElGamal. */
export const gPow = (m: number): Point => mulPublic(G, BigInt(m));

export const pointHex = (p: Point): string => bytesToHex(p.toBytes());
export const scalarHex = (s: bigint): string => bytesToHex(leBytes(mod(s)));

/**
 * The joint key is the second base of every proof of a round; its window table is computed
 * once and kept, which halves the cost of each multiplication by it.
 */
const keyTables = new Map<string, Point>();
export function parseKey(hex: string): Point {
  const cached = keyTables.get(hex);
  if (cached) return cached;
  const K = parsePoint(hex);
  K.precompute(8);
  if (keyTables.size > 16) keyTables.clear();
  keyTables.set(hex, K);
  return K;
}

export function parsePoint(hex: unknown): Point {
  if (typeof hex !== "string" || !HEX64.test(hex)) throw new MalformedInput("point");
  try {
    return ristretto255.Point.fromBytes(hexToBytes(hex));
  } catch {
    throw new MalformedInput("point");
  }
}

/** A canonical scalar: below ℓ, so one scalar has exactly one encoding. */
export function parseScalar(hex: unknown): bigint {
  if (typeof hex !== "string" || !HEX64.test(hex)) throw new MalformedInput("scalar");
  const s = bytesToLe(hexToBytes(hex));
  if (s >= ORDER) throw new MalformedInput("scalar");
  return s;
}

/**
 * The Fiat-Shamir challenge: SHA-512 over a domain tag and length-prefixed parts, reduced
 * mod ℓ. The context (round, voter, member) is always one of the parts, so a proof made for
 * one ballot does not verify anywhere else.
 */
export function challenge(tag: string, context: string, ...parts: Point[]): bigint {
  const chunks: Uint8Array[] = [];
  for (const bytes of [utf8ToBytes(tag), utf8ToBytes(context), ...parts.map((p) => p.toBytes())]) {
    const len = new Uint8Array(4);
    new DataView(len.buffer).setUint32(0, bytes.length);
    chunks.push(len, bytes);
  }
  return mod(bytesToLe(sha512(concatBytes(utf8ToBytes("wanggui-ballot-v1"), ...chunks))));
}

/** Deterministic randomness from a seed, for fixed test vectors; never for real ballots. */
export function seededRand(seed: string): Rand {
  let counter = 0;
  return () => {
    counter += 1;
    return mod(bytesToLe(sha512(utf8ToBytes(`${seed}/${counter}`)))) || 1n;
  };
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
