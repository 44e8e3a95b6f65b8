import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { authorize, REVIEW, requireSubmitter } from "./contributions.policy.ts";
import { contributionsOfMember, listContributions } from "./contributions.repo.ts";
import type { Contribution, QueueQuery } from "./contributions.schemas.ts";
import { toContribution } from "./present-contribution.ts";

/** 我的作品: every work the member reported, with its state and any reason it came back. */
export async function myContributions(
  db: Queryable,
  actor: Actor,
): Promise<{ items: Contribution[] }> {
  const me = await requireSubmitter(db, actor);
  const rows = await contributionsOfMember(db, me.id);
  return { items: rows.map((r) => toContribution(r, actor)) };
}

/** 作品审核: the works of the reviewer's subtree in one state, oldest first. */
export async function reviewQueue(
  db: Queryable,
  actor: Actor,
  query: QueueQuery,
): Promise<{ items: Contribution[]; nextCursor: string | null }> {
  authorize(actor, REVIEW);
  const page = await listContributions(db, actor, query);
  return { items: page.items.map((r) => toContribution(r, actor)), nextCursor: page.nextCursor };
}
