import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { currentArticles } from "../../regulations/study-sources.ts";
import { listMaterials as materials } from "../campaigns/campaigns.repo.ts";
import { authorizeManage } from "../study.policy.ts";
import { listQuestions as questions } from "./questions.repo.ts";

/** The question bank of the subtrees the caller manages, newest first. */
export async function listQuestions(
  db: Queryable,
  actor: Actor,
  filter: { status?: string; type?: string; page: number; pageSize: number },
) {
  authorizeManage(actor);
  const page = await questions(db, actor, filter);
  return { total: page.total, items: page.items.map(({ orgPath: _p, ...q }) => q) };
}

export async function listMaterials(
  db: Queryable,
  actor: Actor,
  filter: { after?: string; limit: number; q?: string; ids?: number[] },
) {
  authorizeManage(actor);
  return materials(db, actor, filter);
}

/** Articles in force, for tagging questions and materials. */
export async function listArticles(db: Queryable, actor: Actor) {
  authorizeManage(actor);
  return { items: await currentArticles(db) };
}
