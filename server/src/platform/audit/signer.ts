import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from "node:crypto";
import { sm2 } from "sm-crypto-v2";
import type { CryptoSuite } from "../crypto-suite.ts";

/** The SM2 signer's distinguishing identifier: GB/T 35276's default, as OpenSSL's `distid`. */
export const SM2_USER_ID = "1234567812345678";

/** The SM2 curve's object identifier 1.2.156.10197.1.301, DER-encoded. */
const SM2_CURVE_OID = Buffer.from("06082a811ccf5501822d", "hex");
/** SubjectPublicKeyInfo up to the point: id-ecPublicKey on the SM2 curve, a 66-byte bit string. */
const SM2_SPKI_HEAD = Buffer.from("3059301306072a8648ce3d020106082a811ccf5501822d034200", "hex");

/**
 * What signs and checks checkpoints: Ed25519 (default suite, node:crypto) or SM2 (SM suite).
 * Node 20's OpenSSL makes keys on the SM2 curve but signs them only as ECDSA, not with the
 * SM2 algorithm (GB/T 32918.2: Z value, SM3, its own equations), and a key read back from a
 * file is of a type Node does not know (exporting it aborts the process). So SM2 keys are
 * handled as bytes here and signed by sm-crypto-v2 (ADR 0022). The file is still PKCS#8 PEM on
 * the SM2 curve and signatures are DER, so an outside verifier can check a checkpoint with
 * `openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:1234567812345678`.
 */
export interface CheckpointVerifier {
  suite: CryptoSuite;
  /** Names the key in the checkpoint file's header. */
  keyId: string;
  /** SubjectPublicKeyInfo, DER. */
  publicDer: Buffer;
  verify(message: Buffer, signature: Buffer): boolean;
}

export interface CheckpointSigner extends CheckpointVerifier {
  sign(message: Buffer): Buffer;
}

export function newSigningKeyPem(suite: CryptoSuite): string {
  const { privateKey } =
    suite === "sm"
      ? generateKeyPairSync("ec", { namedCurve: "SM2" })
      : generateKeyPairSync("ed25519");
  return privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

function pemBody(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""), "base64");
}

function keyId(suite: CryptoSuite, publicDer: Buffer): string {
  return createHash(suite === "sm" ? "sm3" : "sha256")
    .update(publicDer)
    .digest("hex")
    .slice(0, 16);
}

/** The signer for a PKCS#8 PEM key, or null when it is neither Ed25519 nor SM2. */
export function openSigner(pem: string): CheckpointSigner | null {
  const der = pemBody(pem);
  if (der.includes(SM2_CURVE_OID)) {
    // ECPrivateKey inside PKCS#8: version 1, then the 32-byte private scalar.
    const at = der.indexOf(Buffer.from([0x02, 0x01, 0x01, 0x04, 0x20]));
    if (at < 0) return null;
    const d = der.subarray(at + 5, at + 37).toString("hex");
    const point = sm2.getPublicKeyFromPrivateKey(d);
    const publicDer = Buffer.concat([SM2_SPKI_HEAD, Buffer.from(point, "hex")]);
    return {
      ...sm2Verifier(publicDer),
      sign: (m) =>
        Buffer.from(
          sm2.doSignature(m, d, { hash: true, der: true, publicKey: point, userId: SM2_USER_ID }),
          "hex",
        ),
    };
  }
  let privateKey: ReturnType<typeof createPrivateKey>;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    return null;
  }
  if (privateKey.asymmetricKeyType !== "ed25519") return null;
  const publicDer = createPublicKey(privateKey).export({ type: "spki", format: "der" });
  return {
    ...verifierFor(publicDer),
    sign: (m) => sign(null, m, privateKey),
  };
}

function sm2Verifier(publicDer: Buffer): CheckpointVerifier {
  const point = publicDer.subarray(SM2_SPKI_HEAD.length).toString("hex");
  return {
    suite: "sm",
    keyId: keyId("sm", publicDer),
    publicDer,
    verify: (message, signature) => {
      if (signature.length === 0) return false;
      try {
        return sm2.doVerifySignature(message, signature.toString("hex"), point, {
          hash: true,
          der: true,
          userId: SM2_USER_ID,
        });
      } catch {
        return false;
      }
    },
  };
}

/** A verifier for a public key (SPKI DER), as a checkpoint file's header carries it. */
export function verifierFor(publicDer: Buffer): CheckpointVerifier {
  if (
    publicDer.length === SM2_SPKI_HEAD.length + 65 &&
    publicDer.subarray(0, SM2_SPKI_HEAD.length).equals(SM2_SPKI_HEAD)
  ) {
    return sm2Verifier(publicDer);
  }
  const publicKey = createPublicKey({ key: publicDer, format: "der", type: "spki" });
  return {
    suite: "default",
    keyId: keyId("default", publicDer),
    publicDer,
    verify: (message, signature) => verify(null, message, publicKey, signature),
  };
}
