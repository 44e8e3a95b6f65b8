import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { AppContext } from "../../../platform/context.ts";
import type { Tx } from "../../../platform/db/pool.ts";
import type { MemberRef } from "../../members/member-refs.ts";
import { notifyUsers } from "../../notifications/send-notification.ts";
import { MACHINES } from "../case-types.ts";
import { filerDigest } from "../cases.policy.ts";
import { caseRecipients, scheduleDeadlines } from "./case-deadlines.ts";
import { insertEvent, insertFiler } from "./case-events.repo.ts";
import { findCase, insertCase, type NewCase } from "./cases.repo.ts";
import { caseSystemActor, filerActor } from "./filer-actor.ts";

/**
 * What every case type does when it is filed, in the caller's transaction: the case row, the
 * filer kept apart (encrypted, or nothing at all when anonymous), the "filed" event holding
 * what they wrote (encrypted), an audit row without the filer, the deadline jobs, and a
 * notice to the org's handlers. Returns the receipt the filer keeps. A case the organization
 * opens itself (a linked case) passes its handler as `openedBy`; the member it is for is then
 * the filer of record, with no digest when they have no account.
 */
export async function openCase(
  tx: Tx,
  ctx: AppContext,
  filer: { userId: number | null; member: MemberRef; anonymous: boolean },
  c: NewCase & { filed: unknown; meta: Record<string, unknown>; notice: string },
  openedBy: AuditActor = filerActor,
) {
  const created = await insertCase(tx, c);
  const identity = filer.anonymous
    ? null
    : ctx.cipher.encrypt(
        JSON.stringify({
          userId: filer.userId,
          memberId: filer.member.id,
          name: filer.member.name,
          orgName: filer.member.orgName,
        }),
      );
  await insertFiler(
    tx,
    created.id,
    filer.userId === null ? null : filerDigest(ctx.cipher, filer.userId),
    identity,
    filer.anonymous,
  );
  await insertEvent(tx, {
    caseId: created.id,
    kind: "filed",
    toState: c.state,
    visibleToFiler: true,
    // The organization's handler when it opened the case itself; nobody when a filer did.
    actorUserId: openedBy.userId,
    byFiler: openedBy === filerActor,
    body: ctx.cipher.encrypt(JSON.stringify(c.filed)),
    meta: c.meta,
  });
  await recordAudit(tx, openedBy, {
    action: "case.file",
    entityType: "case",
    entityId: created.id,
    orgPath: c.orgPath,
    after: { number: created.number, caseType: c.caseType },
  });
  const row = await findCase(tx, created.id);
  if (!row?.ackDueOn || !row.feedbackDueOn) throw new Error("case deadlines missing");
  await scheduleDeadlines(tx, created.id, row.ackDueOn, row.feedbackDueOn);
  await notifyUsers(tx, caseSystemActor, await caseRecipients(tx, row, c.orgPath), {
    kind: "case.filed",
    // A case the organization opened itself is accepted already: nothing to accept by a date.
    title:
      c.state === MACHINES[c.caseType].initial
        ? `${c.notice} ${created.number}，请于 ${row.ackDueOn} 前受理`
        : `${c.notice} ${created.number}`,
    link: `/cases/${created.id}`,
    sourceType: "case",
    sourceId: created.id,
    orgPath: c.orgPath,
  });
  return {
    id: created.id,
    number: created.number,
    openedOn: row.openedOn,
    ackDueOn: row.ackDueOn,
    feedbackDueOn: row.feedbackDueOn,
  };
}
