import { ristretto255 } from "@noble/curves/ed25519.js";
import { sha512 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { describe, expect, it } from "vitest";
import { gPow, ORDER } from "../src/group.ts";
import {
  combineShares,
  encryptBallot,
  generateTrusteeKey,
  jointKey,
  partialDecrypt,
  seededRand,
  tallyBallots,
  trackingCode,
  verifyBallot,
  verifyTrusteeKey,
} from "../src/index.ts";

/** RFC 9496 Appendix A.1: the encodings of 0·B … 4·B. */
const MULTIPLES_OF_B = [
  "0000000000000000000000000000000000000000000000000000000000000000",
  "e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76",
  "6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919",
  "94741f5d5d52755ece4f23f044ee27d5d1ea1e2bd196b462166b16152a9d0259",
  "da80862773358b466ffadfe0b3293ab3d9fd53c5ea6c955358f568322daf6a57",
];

/**
 * Vector 1 (packages/ballot/VECTORS.md): seed "wanggui-ballot-vector-1", trustees in context
 * "round:1", voter context "round:1|voter:7|subject:99", choice 1 (合格) of 4.
 */
const V1 = {
  secret1: "6d1022cc7187504fef2e4f29db13d2fe553770212491c6bac9e2688025181904",
  publicKey1: "64c3c6e8105db42891552e9e51772452c23ae9b1d68259b91e69a9a86efcee04",
  publicKey2: "f073e8ae712f1dba642c70a000a8e073cf40fdfc38faf3d6f7606d37f3c4b82a",
  joint: "9659e486d2dc4073a17f6055302288bd867a2d638e3ec003421de5b17e2c9325",
  trackingCode: "b6247e2c08e5029326e0acf215e17287cac6c7befbd9334d6c551e6e6917a764",
};

/** The n-th seeded scalar, recomputed here without the package: SHA-512 of "seed/n" mod ℓ. */
function nth(n: number): bigint {
  const h = sha512(utf8ToBytes(`wanggui-ballot-vector-1/${n}`));
  let v = 0n;
  for (let i = h.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(h[i] as number);
  return v % ORDER;
}
const hexOf = (p: InstanceType<typeof ristretto255.Point>) => bytesToHex(p.toBytes());
const B = ristretto255.Point.BASE;

describe("fixed vectors", () => {
  it("uses the ristretto255 group of RFC 9496 for counts", () => {
    expect(MULTIPLES_OF_B.map((_, m) => hexOf(gPow(m)))).toEqual(MULTIPLES_OF_B);
  });

  it("derives vector 1's keys, ciphertext and tracking code", () => {
    const rand = seededRand("wanggui-ballot-vector-1");
    const k1 = generateTrusteeKey("round:1", rand); // draws 1 (secret) and 2 (nonce)
    const k2 = generateTrusteeKey("round:1", rand); // draws 3 and 4
    const joint = jointKey([k1.publicKey, k2.publicKey]);
    const ballot = encryptBallot(joint, "round:1|voter:7|subject:99", 1, 4, rand); // draw 5 is r₀

    expect(k1.secret).toBe(V1.secret1);
    expect(BigInt(`0x${k1.secret.match(/../g)?.reverse().join("")}`)).toBe(nth(1));
    expect([k1.publicKey, k2.publicKey]).toEqual([
      hexOf(B.multiply(nth(1))),
      hexOf(B.multiply(nth(3))),
    ]);
    expect([k1.publicKey, k2.publicKey, joint]).toEqual([V1.publicKey1, V1.publicKey2, V1.joint]);
    expect(joint).toBe(hexOf(B.multiply((nth(1) + nth(3)) % ORDER)));
    // Option 0 was not chosen: (r₀·B, 0·B + r₀·K).
    const K = ristretto255.Point.fromHex(joint);
    expect(ballot.choices[0]?.a).toBe(hexOf(B.multiply(nth(5))));
    expect(ballot.choices[0]?.b).toBe(hexOf(K.multiply(nth(5))));
    expect(ballot.choices[0]?.a).toBe(
      "84d686d3125a0363bf495b1d09cbe2bc6adee7996894c661abe0c79fa111a163",
    );
    expect(trackingCode(ballot)).toBe(V1.trackingCode);

    expect(verifyTrusteeKey("round:1", k1.publicKey, k1.proof)).toBe(true);
    expect(verifyBallot(joint, "round:1|voter:7|subject:99", ballot, 4)).toBe(true);
    const tallies = tallyBallots([ballot], 4);
    const shares = [k1, k2].map((k) => partialDecrypt("round:1", k.secret, tallies, rand));
    expect(
      tallies.map((t, i) =>
        combineShares(
          t,
          shares.map((s) => s[i]?.d as string),
          1,
        ),
      ),
    ).toEqual([0, 1, 0, 0]);
  });
});
