import {
  encryptBallot,
  generateTrusteeKey,
  jointKey,
  type Rand,
  type TrusteeKey,
} from "../src/index.ts";

export const GRADES = 4;

/** Two trustees, as a branch committee sets them up for a round. */
export function trustees(context: string, rand?: Rand): { keys: TrusteeKey[]; joint: string } {
  const keys = [generateTrusteeKey(context, rand), generateTrusteeKey(context, rand)];
  return { keys, joint: jointKey(keys.map((k) => k.publicKey)) };
}

export const voterContext = (round: number, voter: number, subject: number) =>
  `round:${round}|voter:${voter}|subject:${subject}`;

export const ballotFor = (joint: string, voter: number, choice: number, rand?: Rand) =>
  encryptBallot(joint, voterContext(1, voter, 99), choice, GRADES, rand);
