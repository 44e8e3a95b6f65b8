import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, type Queryable, withTx } from "../../../platform/db/pool.ts";
import { Forbidden } from "../../../platform/errors.ts";
import { authorize, REGISTRY_OVERSEE } from "../registry.policy.ts";
import {
  declarationOfCaseFinding,
  findDeclaration,
  findingsOf,
  insertFinding,
} from "./declarations.repo.ts";
import type { Finding } from "./declarations.schemas.ts";
import { declarationNotFound } from "./read-declarations.ts";

/**
 * A secretary or discipline officer records what they found on reading a declaration, on its
 * current version. `referToCase` marks it as one to open a discipline case from: the cases
 * module reads such findings through `findingForCase`; nothing here opens a case itself.
 */
export async function recordFinding(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  declarationId: number,
  body: { finding: string; referToCase: boolean },
): Promise<Finding> {
  authorize(actor, REGISTRY_OVERSEE);
  return withTx(db, async (tx) => {
    const d = await findDeclaration(tx, actor, declarationId);
    if (!d?.oversee) throw declarationNotFound();
    if (d.member.id === actor.memberId) {
      throw new Forbidden({
        "zh-CN": "不能对本人的报告记录核查意见",
        "en-US": "You cannot record a finding on your own declaration",
      });
    }
    const { id, version } = await insertFinding(tx, { declarationId, ...body, by: actor.userId });
    await recordAudit(tx, audit, {
      action: "registry.declaration.finding",
      entityType: "registry_declaration",
      entityId: declarationId,
      orgPath: d.orgPath,
      after: { findingId: id, version, ...body },
    });
    const found = (await findingsOf(tx, declarationId)).find((f) => f.id === id);
    if (!found) throw declarationNotFound();
    return found;
  });
}

/**
 * For the discipline cases module: a finding marked for a case, with the declaration's member
 * and org, when the caller reaches it. The case keeps the finding's id as its source.
 */
export async function findingForCase(db: Queryable, actor: Actor, findingId: number) {
  const declarationId = await declarationOfCaseFinding(db, findingId);
  const d = declarationId === null ? null : await findDeclaration(db, actor, declarationId);
  if (!d?.oversee) return null;
  const finding = (await findingsOf(db, d.id)).find((f) => f.id === findingId);
  return finding ? { finding, declarationId: d.id, member: d.member, orgPath: d.orgPath } : null;
}
