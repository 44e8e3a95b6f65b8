import { publicKeyOf } from "@wanggui/ballot";

/**
 * A trustee's secret share of a round's key. It never leaves the trustee's browser except as
 * the file they download: the server sees only the public key. A copy in this browser's
 * storage spares choosing the file at counting time; the file is the one that matters
 * (docs/adr/0012-encrypted-ballots.md).
 */
export interface TrusteeKeyFile {
  kind: "wanggui-trustee-key";
  roundId: number;
  memberId: number;
  publicKey: string;
  secret: string;
}

const storageKey = (roundId: number, memberId: number) => `wanggui.trustee.${roundId}.${memberId}`;

export function keepKey(file: TrusteeKeyFile) {
  globalThis.localStorage?.setItem(storageKey(file.roundId, file.memberId), JSON.stringify(file));
}

export function downloadKey(file: TrusteeKeyFile, fileName: string) {
  const url = URL.createObjectURL(
    new Blob([JSON.stringify(file, null, 2)], { type: "application/json" }),
  );
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.click();
  URL.revokeObjectURL(url);
}

/** The key this browser kept for the round, if it still matches the trustee's public key. */
export function keptKey(
  roundId: number,
  memberId: number,
  publicKey: string,
): TrusteeKeyFile | null {
  const text = globalThis.localStorage?.getItem(storageKey(roundId, memberId));
  return text ? checkKey(text, roundId, memberId, publicKey) : null;
}

/** A key file's text, accepted only when it is this trustee's key for this round. */
export function checkKey(
  text: string,
  roundId: number,
  memberId: number,
  publicKey: string,
): TrusteeKeyFile | null {
  try {
    const file = JSON.parse(text) as TrusteeKeyFile;
    const fits =
      file.kind === "wanggui-trustee-key" &&
      file.roundId === roundId &&
      file.memberId === memberId &&
      file.publicKey === publicKey &&
      publicKeyOf(file.secret) === publicKey;
    return fits ? file : null;
  } catch {
    return null;
  }
}

/** Once counted, the share has done its work: the browser's copy is removed. */
export function forgetKey(roundId: number, memberId: number) {
  globalThis.localStorage?.removeItem(storageKey(roundId, memberId));
}
