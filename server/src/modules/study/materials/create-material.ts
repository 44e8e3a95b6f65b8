import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { BadInput } from "../../../platform/errors.ts";
import { storeFileFor } from "../../../platform/stored-files.ts";
import { currentArticles } from "../../regulations/study-sources.ts";
import { insertMaterial } from "../campaigns/campaigns.repo.ts";
import { requireManagedOrg } from "../study.policy.ts";
import { sniffMaterial } from "./material-files.ts";

interface NewMaterial {
  orgId: number;
  title: string;
  articleIds: number[];
  url?: string;
  kind: "article" | "link" | "file";
  file?: { bytes: Buffer; name: string };
}

/**
 * A study material: articles of the regulation, a link, or an uploaded PDF/DOCX, each tagged
 * with the articles it explains. The file is stored in the transaction that inserts its row,
 * under the lock that keeps retention erasure from deleting it in between (an orphan file
 * from a failed insert is harmless and deduplicated).
 */
export async function createMaterial(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  dataDir: string,
  input: NewMaterial,
) {
  const org = await requireManagedOrg(db, actor, input.orgId);
  const current = new Set((await currentArticles(db)).map((a) => a.id));
  if (!input.articleIds.every((id) => current.has(id))) {
    throw new BadInput("articleIds", {
      "zh-CN": "所选条文不存在或已失效",
      "en-US": "A chosen article does not exist or is no longer in force",
    });
  }
  const upload = input.file ? { ...input.file, mime: sniffMaterial(input.file.bytes) } : null;
  return withTx(db, async (tx) => {
    const file = upload
      ? {
          mime: upload.mime,
          sha256: await storeFileFor(tx, dataDir, upload.bytes),
          name: upload.name,
          size: upload.bytes.length,
        }
      : null;
    const id = await insertMaterial(tx, actor.userId, {
      ...input,
      orgPath: org.path,
      url: input.url ?? null,
      file,
    });
    await recordAudit(tx, audit, {
      action: "study.material.create",
      entityType: "study_material",
      entityId: id,
      orgPath: org.path,
      after: {
        kind: input.kind,
        title: input.title,
        articleIds: input.articleIds,
        sha256: file?.sha256 ?? null,
      },
    });
    return { id };
  });
}
