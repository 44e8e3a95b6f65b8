/**
 * Vote receipts live only in the voter's browser (docs/adr/0006-secret-ballots.md): the
 * server keeps a digest in the ballot and nothing that names the voter, so this device's
 * copy is what lets the voter change their vote before the round closes.
 */
const key = (roundId: number, memberId: number) => `wanggui.ballot.${roundId}.${memberId}`;

export function saveReceipt(roundId: number, memberId: number, receipt: string) {
  globalThis.localStorage?.setItem(key(roundId, memberId), receipt);
}

export function receiptFor(roundId: number, memberId: number): string | undefined {
  return globalThis.localStorage?.getItem(key(roundId, memberId)) ?? undefined;
}
