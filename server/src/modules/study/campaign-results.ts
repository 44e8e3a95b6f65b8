import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { memberRefsUnder } from "../members/member-refs.ts";
import { attemptSummaries } from "./attempts.repo.ts";
import { findCampaign } from "./campaigns.repo.ts";
import { authorizeManage, campaignNotFound, MANAGE } from "./study.policy.ts";
import type { ResultRow } from "./study.schemas.ts";

type Status = ResultRow["status"];

/**
 * Completion and scores of a campaign for the part of its subtree the caller manages: each
 * member's status, per-branch counts and totals. Members without any attempt are listed as
 * not started, which is what a secretary chases.
 */
export async function campaignResults(
  db: Queryable,
  actor: Actor,
  id: number,
  filter: { status?: Status } = {},
) {
  authorizeManage(actor);
  const c = await findCampaign(db, actor, id);
  if (!c) throw campaignNotFound();
  const [members, summaries] = await Promise.all([
    memberRefsUnder(db, actor, MANAGE, c.orgPath),
    attemptSummaries(db, actor, c.id),
  ]);
  const byMember = new Map(summaries.map((s) => [s.memberId, s]));
  const rows: ResultRow[] = members.map((m) => {
    const s = byMember.get(m.id);
    const status: Status = !s
      ? "not_started"
      : s.passed
        ? "passed"
        : s.bestScore === null || s.open
          ? "in_progress"
          : "failed";
    return {
      memberId: m.id,
      name: m.name,
      orgId: m.orgId,
      orgName: m.orgName,
      status,
      attempts: s?.attempts ?? 0,
      bestScore: s?.bestScore ?? null,
      submittedAt: s?.lastSubmittedAt ?? null,
    };
  });
  const count = (list: ResultRow[]) => ({
    members: list.length,
    notStarted: list.filter((r) => r.status === "not_started").length,
    inProgress: list.filter((r) => r.status === "in_progress").length,
    passed: list.filter((r) => r.status === "passed").length,
    failed: list.filter((r) => r.status === "failed").length,
  });
  const branches = [...new Map(rows.map((r) => [r.orgId, r.orgName])).entries()].map(
    ([orgId, orgName]) => ({ orgId, orgName, ...count(rows.filter((r) => r.orgId === orgId)) }),
  );
  return {
    campaignId: c.id,
    title: c.title,
    orgPath: c.orgPath,
    totals: count(rows),
    branches,
    items: filter.status ? rows.filter((r) => r.status === filter.status) : rows,
  };
}
