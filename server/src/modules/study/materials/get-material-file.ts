import type { Actor } from "../../../platform/auth/actor.ts";
import type { Db } from "../../../platform/db/pool.ts";
import { fileStore } from "../../../platform/files.ts";
import { pathInScope } from "../../../platform/scope.ts";
import { ownMemberRef } from "../../members/member-refs.ts";
import { campaignsReaching, materialFile } from "../campaigns/campaigns.repo.ts";
import { MANAGE, materialNotFound } from "../study.policy.ts";

/** A material's file, for managers of its org and members whose campaigns require it. */
export async function getMaterialFile(db: Db, actor: Actor, dataDir: string, id: number) {
  const m = await materialFile(db, id);
  if (!m?.file_sha256) throw materialNotFound();
  let allowed = pathInScope(actor, MANAGE, m.org_path);
  if (!allowed) {
    const member = await ownMemberRef(db, actor);
    allowed =
      member !== null &&
      (await campaignsReaching(db, member.orgPath)).some((c) => c.materialIds.includes(id));
  }
  if (!allowed) throw materialNotFound();
  return {
    name: m.file_name ?? "material",
    mime: m.file_mime ?? "application/octet-stream",
    bytes: await fileStore(dataDir).get(m.file_sha256),
  };
}
