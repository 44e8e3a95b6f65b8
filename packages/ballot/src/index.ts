/**
 * Secret ballots with homomorphic counting (exponential ElGamal over ristretto255, the pattern
 * of ElectionGuard and Helios): voters encrypt, the server adds, trustees decrypt only totals.
 * Pure functions, no I/O; see docs/adr/0015-encrypted-ballots.md.
 */
export {
  type EncryptedBallot,
  type EncryptedChoice,
  encodeBallot,
  encryptBallot,
  tallyBallots,
  trackingCode,
  verifyBallot,
} from "./ballot.ts";
export { addCiphertexts, type Ciphertext } from "./elgamal.ts";
export { GRADE_ORDER, trusteeContext, voterContext } from "./evaluation.ts";
export { MalformedInput, type Rand, seededRand } from "./group.ts";
export type { Proof, ZeroOneProof } from "./proofs.ts";
export {
  combineShares,
  type DecryptionShare,
  generateTrusteeKey,
  jointKey,
  partialDecrypt,
  publicKeyOf,
  type TrusteeKey,
  verifyShare,
  verifyTrusteeKey,
} from "./trustee.ts";
