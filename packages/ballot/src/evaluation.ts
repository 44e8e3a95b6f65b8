/**
 * The contexts of 民主评议党员, shared by the browser that proves and the server that checks:
 * a proof made under one of these verifies under no other, so a ballot cannot be replayed for
 * another voter, member or round, nor a trustee's key or share for another round.
 */
export const GRADE_ORDER = [
  "excellent",
  "competent",
  "basically_competent",
  "incompetent",
] as const;

export const voterContext = (roundId: number, voterId: number, subjectId: number): string =>
  `wanggui/evaluation|round:${roundId}|voter:${voterId}|subject:${subjectId}`;

export const trusteeContext = (roundId: number, trusteeId: number): string =>
  `wanggui/evaluation|round:${roundId}|trustee:${trusteeId}`;
