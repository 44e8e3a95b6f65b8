import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { listFollowups, listSubjects, tallies, votedBy } from "./evaluation.repo.ts";
import type { RoundDetail } from "./evaluation.schemas.ts";
import { requireRound } from "./round-access.ts";

/**
 * A round as the caller may see it. Members read each other's 个人总结 and which members
 * they themselves have voted on; the organization sees vote counts once voting has closed,
 * so running totals never sway the vote. Final grades are the org's and the member's own.
 */
export async function getRound(db: Queryable, actor: Actor, id: number): Promise<RoundDetail> {
  const subjects = await listSubjects(db, id);
  const me = subjects.find((s) => s.memberId === actor.memberId) ?? null;
  const { round, manage, oversee } = await requireRound(db, actor, id, async () => me !== null);
  const counts = oversee && round.status === "closed" ? await tallies(db, id) : null;
  const mine = me ? await votedBy(db, id, me.memberId) : new Set<number>();
  const empty = { excellent: 0, competent: 0, basically_competent: 0, incompetent: 0 };
  return {
    id: round.id,
    org: { id: round.orgId, name: round.orgName },
    year: round.year,
    status: round.status,
    subjects: subjects.length,
    decided: subjects.filter((s) => s.finalGrade !== null).length,
    members: subjects.map((s) => {
      const seesGrade = oversee || s.memberId === actor.memberId;
      return {
        memberId: s.memberId,
        name: s.name,
        mayVote: s.mayVote,
        summary: s.summary,
        suggestedGrade: s.suggestedGrade,
        votedByMe: mine.has(s.memberId),
        tally: counts ? (counts.get(s.memberId) ?? empty) : null,
        finalGrade: seesGrade ? s.finalGrade : null,
        finalReason: seesGrade ? s.finalReason : null,
      };
    }),
    followups: oversee ? await listFollowups(db, id) : [],
    me: me ? { memberId: me.memberId, mayVote: me.mayVote } : null,
    can: { manage, vote: round.status === "open" && me !== null && me.mayVote },
  };
}
