import {
  encryptBallot,
  GRADE_ORDER,
  generateTrusteeKey,
  partialDecrypt,
  type TrusteeKey,
  trusteeContext,
  voterContext,
} from "@wanggui/ballot";
import type { FastifyInstance } from "fastify";
import { type Caller, call } from "../../orgs/orgs.fixtures.ts";
import type { ReviewTree } from "../review.fixtures.ts";
import type { Grade } from "../review.schemas.ts";

/**
 * An encrypted round as the browsers run it: the secretary opens it and names 赵德胜 (the
 * branch secretary) and 陈晓明 as trustees, whose keys are made here as their browsers would.
 */
export async function openKeyedRound(
  app: FastifyInstance,
  t: ReviewTree,
  year: number,
  timetable: { summaryDue: string; voteDue: string; decideDue: string } | object = {},
) {
  const opened = await call(app, t.branchSecretary, "POST", "/api/review/rounds", {
    orgId: t.branch.id,
    year,
    ...timetable,
  });
  if (opened.statusCode !== 201) throw new Error(opened.body);
  const roundId: number = opened.json().id;
  const chosen = await call(
    app,
    t.branchSecretary,
    "POST",
    `/api/review/rounds/${roundId}/trustees`,
    {
      memberIds: [t.cadre.id, t.chen.id],
    },
  );
  if (chosen.statusCode !== 200) throw new Error(chosen.body);
  const trustees = [
    { who: t.branchSecretary, memberId: t.cadre.id },
    { who: t.chenCaller, memberId: t.chen.id },
  ].map((x) => ({ ...x, key: generateTrusteeKey(trusteeContext(roundId, x.memberId)) }));
  let jointKey = "";
  for (const x of trustees) {
    const res = await call(app, x.who, "POST", `/api/review/rounds/${roundId}/trustee-key`, {
      publicKey: x.key.publicKey,
      proof: x.key.proof,
    });
    if (res.statusCode !== 200) throw new Error(res.body);
    jointKey = res.json().jointKey ?? "";
  }
  return { roundId, trustees, jointKey };
}

export type KeyedRound = Awaited<ReturnType<typeof openKeyedRound>>;

/** What the voter's browser sends for a grade. */
export const sealedVote = (round: KeyedRound, voterId: number, memberId: number, grade: Grade) => ({
  memberId,
  ballot: encryptBallot(
    round.jointKey,
    voterContext(round.roundId, voterId, memberId),
    GRADE_ORDER.indexOf(grade),
    GRADE_ORDER.length,
  ),
});

export const vote = (app: FastifyInstance, who: Caller, round: KeyedRound, body: unknown) =>
  call(app, who, "POST", `/api/review/rounds/${round.roundId}/votes`, body);

/** A trustee's browser decrypting its share of the tallies the round page shows. */
export async function decryptAs(
  app: FastifyInstance,
  round: KeyedRound,
  trustee: { who: Caller; memberId: number; key: TrusteeKey },
) {
  const detail = (
    await call(app, trustee.who, "GET", `/api/review/rounds/${round.roundId}`)
  ).json();
  const tallies: { memberId: number; grade: Grade; a: string; b: string }[] =
    detail.encryptedTallies;
  const shares = partialDecrypt(
    trusteeContext(round.roundId, trustee.memberId),
    trustee.key.secret,
    tallies,
  );
  return call(app, trustee.who, "POST", `/api/review/rounds/${round.roundId}/decryption`, {
    shares: tallies.map((x, i) => ({ memberId: x.memberId, grade: x.grade, ...shares[i] })),
  });
}
