import type { Actor } from "../../../platform/auth/actor.ts";
import type { AppContext } from "../../../platform/context.ts";
import { Forbidden } from "../../../platform/errors.ts";
import { memberNamesInOrg } from "../../members/member-directory.ts";
import { ownMemberRef } from "../../members/member-refs.ts";
import { requireFiler } from "../cases.policy.ts";

const MAX_CANDIDATES = 20;

/**
 * Whom a filer may pick as the member a report concerns: members of their own branch, the
 * same set fileReport accepts, by name and id only. Anyone else is named in words, so this
 * list never tells a filer whether a person outside their branch is a member or in Wanggui.
 */
export async function subjectCandidates(ctx: AppContext, actor: Actor, text: string) {
  requireFiler(actor);
  const me = await ownMemberRef(ctx.db, actor);
  if (!me) throw new Forbidden();
  return memberNamesInOrg(ctx.db, me.orgPath, text, me.id, MAX_CANDIDATES);
}
