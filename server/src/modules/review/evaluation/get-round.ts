import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { countWithoutAccount } from "../../users/member-accounts.ts";
import { listFollowups, listSubjects, tallies, turnoutOf, votedBy } from "./evaluation.repo.ts";
import type { RoundDetail } from "./evaluation.schemas.ts";
import { requireRound } from "./round-access.ts";
import { MIN_BALLOTS_FOR_COUNTS, phaseOf, presentTally } from "./round-results.ts";
import { votingWindow } from "./round-state.ts";
import { listTallies, listTrustees, myTrackingCodes } from "./sealed-ballots.repo.ts";

/**
 * A round as the caller may see it. Members read each other's 个人总结, which members they
 * themselves have voted on and their own tracking codes; the organization sees vote counts
 * once the trustees have counted, so running totals never sway the vote. The encrypted
 * tallies are public to every reader: they are what the trustees decrypt and anyone may add
 * up the published ballots to check them. Final grades are the org's and the member's own.
 * Turnout (how many of those with a vote have voted) is every reader's: it names no one.
 */
export async function getRound(db: Queryable, actor: Actor, id: number): Promise<RoundDetail> {
  const subjects = await listSubjects(db, id);
  const me = subjects.find((s) => s.memberId === actor.memberId) ?? null;
  const { round, manage, oversee } = await requireRound(db, actor, id, { evaluated: true });
  const closed = round.status === "closed";
  const counted = round.scheme === "plain" ? closed : round.counted;
  const counts = oversee && counted ? await tallies(db, id) : null;
  const mine = me ? await votedBy(db, id, me.memberId) : new Set<number>();
  const codes = me ? await myTrackingCodes(db, id, me.memberId) : new Map<number, string>();
  const trustees = await listTrustees(db, id);
  const myTrustee = trustees.find((t) => t.memberId === me?.memberId);
  const sealed = round.scheme === "encrypted" && closed ? await listTallies(db, id) : [];
  const turnout = await turnoutOf(db, id);
  const voters = subjects.filter((s) => s.mayVote).map((s) => s.memberId);
  const decided = subjects.filter((s) => s.finalGrade !== null).length;
  const window = votingWindow(round);
  return {
    id: round.id,
    org: { id: round.orgId, name: round.orgName },
    year: round.year,
    status: round.status,
    subjects: subjects.length,
    decided,
    phase: phaseOf(round, subjects.length, decided),
    phaseDates: {
      summaryDue: round.summaryDue,
      voteDue: round.voteDue,
      decideDue: round.decideDue,
    },
    votingWindow: window,
    turnout: {
      expected: voters.length,
      voted: turnout.voters,
      withoutAccount: await countWithoutAccount(db, voters),
    },
    minBallotsForCounts: MIN_BALLOTS_FOR_COUNTS,
    scheme: round.scheme,
    jointKey: round.jointKey,
    counted,
    trustees: trustees.map((t) => ({
      memberId: t.memberId,
      name: t.name,
      keyed: t.publicKey !== null,
      publicKey: t.publicKey,
      shared: t.shared,
    })),
    encryptedTallies: sealed.map(({ memberId, grade, a, b }) => ({ memberId, grade, a, b })),
    members: subjects.map((s) => {
      const seesGrade = oversee || s.memberId === actor.memberId;
      const ballots = turnout.ballots.get(s.memberId) ?? 0;
      return {
        memberId: s.memberId,
        name: s.name,
        mayVote: s.mayVote,
        summary: s.summary,
        suggestedGrade: s.suggestedGrade,
        votedByMe: mine.has(s.memberId),
        trackingCode: codes.get(s.memberId) ?? null,
        ballots: counts ? ballots : null,
        ...(counts
          ? presentTally(ballots, counts.get(s.memberId))
          : { tally: null, withheld: false }),
        finalGrade: seesGrade ? s.finalGrade : null,
        finalReason: seesGrade ? s.finalReason : null,
      };
    }),
    followups: oversee ? await listFollowups(db, id) : [],
    me: me ? { memberId: me.memberId, mayVote: me.mayVote } : null,
    can: {
      manage,
      vote:
        round.status === "open" &&
        round.jointKey !== null &&
        window.state === "open" &&
        me?.mayVote === true,
      key: round.status === "open" && myTrustee !== undefined && myTrustee.publicKey === null,
      decrypt:
        closed &&
        !counted &&
        myTrustee !== undefined &&
        myTrustee.publicKey !== null &&
        !myTrustee.shared,
      chooseTrustees:
        manage &&
        round.scheme === "encrypted" &&
        round.status === "open" &&
        trustees.every((t) => t.publicKey === null),
      restart: manage && round.scheme === "encrypted" && !counted,
    },
  };
}
