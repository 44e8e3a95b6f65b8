import { recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { AppContext } from "../../../platform/context.ts";
import { type Queryable, withTx } from "../../../platform/db/pool.ts";
import { InvalidState } from "../../../platform/errors.ts";
import type { Locale } from "../../../platform/i18n.ts";
import { notifyUsers } from "../../notifications/send-notification.ts";
import { MACHINES } from "../case-types.ts";
import { caseNotFound, filerDigests, requireFiler } from "../cases.policy.ts";
import { caseRecipients } from "./case-deadlines.ts";
import { caseIdsFiledBy, insertEvent, listEvents, listFiles } from "./case-events.repo.ts";
import { type CaseRow, casesByIds, findCase } from "./cases.repo.ts";
import { caseSystemActor, filerActor } from "./filer-actor.ts";
import { filedFacts, outcomeLabel, presentEvents, presentSummary } from "./present-case.ts";
import { cnToday } from "./today.ts";

/** The caller's own cases, found by their keyed digest: no user id is stored on a case. */
export async function listMyCases(ctx: AppContext, actor: Actor, lang: Locale) {
  requireFiler(actor);
  const ids = await caseIdsFiledBy(ctx.db, filerDigests(ctx.cipher, actor.userId));
  const [rows, today] = await Promise.all([casesByIds(ctx.db, ids), cnToday(ctx.db)]);
  return { items: rows.map((c) => presentSummary(c, today, lang)) };
}

export async function requireOwnCase(ctx: AppContext, actor: Actor, id: number): Promise<CaseRow> {
  requireFiler(actor);
  const ids = await caseIdsFiledBy(ctx.db, filerDigests(ctx.cipher, actor.userId));
  const c = ids.includes(id) ? await findCase(ctx.db, id) : null;
  if (!c) throw caseNotFound();
  return c;
}

/**
 * A filer's view of their case: what they filed, each step without the handler's name,
 * messages both ways, the reply and outcome; never internal notes or who handled it.
 */
export async function getMyCase(ctx: AppContext, actor: Actor, id: number, lang: Locale) {
  const c = await requireOwnCase(ctx, actor, id);
  const [events, files, today] = await Promise.all([
    listEvents(ctx.db, id, true),
    listFiles(ctx.db, id),
    cnToday(ctx.db),
  ]);
  const summary = presentSummary(c, today, lang);
  return {
    ...summary,
    handlerName: null,
    outcomeLabel: outcomeLabel(c, lang),
    filed: filedFacts(events, ctx.cipher),
    // The filer sees which step was taken, not where it was passed or any reference number.
    events: presentEvents(c, events, ctx.cipher, lang).map((e) => ({
      ...e,
      meta: typeof e.meta.transition === "string" ? { transition: e.meta.transition } : {},
    })),
    files: files
      .filter((f) => f.byFiler)
      .map((f) => ({
        id: f.id,
        fileName: ctx.cipher.decrypt(f.fileName),
        mime: f.mime,
        size: f.size,
        byFiler: true,
      })),
    can: { message: !MACHINES[c.caseType].states[c.state]?.final },
  };
}

/**
 * Tells the case's handler (or, before anyone took it, the org's handlers) that the filer
 * wrote or sent evidence. Sent by the system, so the notice carries no account of the filer.
 */
export async function tellHandlers(tx: Queryable, c: CaseRow, what: string) {
  const to = c.handlerUserId ? [c.handlerUserId] : await caseRecipients(tx, c, c.orgPath);
  await notifyUsers(tx, caseSystemActor, to, {
    kind: "case.filer_wrote",
    title: `案件 ${c.number} 收到${what}`,
    link: `/cases/${c.id}`,
    sourceType: "case",
    sourceId: c.id,
    orgPath: c.orgPath,
  });
}

/** The filer writes to the handlers; recorded without their account, like the filing. */
export async function messageFromFiler(ctx: AppContext, actor: Actor, id: number, text: string) {
  const c = await requireOwnCase(ctx, actor, id);
  if (MACHINES[c.caseType].states[c.state]?.final) {
    throw new InvalidState({
      "zh-CN": "案件已办结，如有新情况请重新提交",
      "en-US": "The case is closed; file a new one if something new happened",
    });
  }
  return withTx(ctx.db, async (tx) => {
    const eventId = await insertEvent(tx, {
      caseId: c.id,
      kind: "message",
      visibleToFiler: true,
      actorUserId: null,
      byFiler: true,
      body: ctx.cipher.encrypt(text),
    });
    await recordAudit(tx, filerActor, {
      action: "case.filer_message",
      entityType: "case",
      entityId: c.id,
      orgPath: c.orgPath,
    });
    await tellHandlers(tx, c, "举报人（申请人）的补充说明");
    return { id: eventId };
  });
}
