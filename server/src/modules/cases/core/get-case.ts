import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { AppContext } from "../../../platform/context.ts";
import { withTx } from "../../../platform/db/pool.ts";
import type { Locale } from "../../../platform/i18n.ts";
import { memberRefsByIds } from "../../members/member-refs.ts";
import { MACHINES } from "../case-types.ts";
import { requireHandler } from "../cases.policy.ts";
import { findFiler, listEvents, listFiles } from "./case-events.repo.ts";
import { linksForHandler } from "./case-links.ts";
import { findCase, relatedOpenCases } from "./cases.repo.ts";
import { availableTransitions } from "./machine.ts";
import {
  filedFacts,
  outcomeChoices,
  outcomeLabel,
  presentEvents,
  presentSummary,
} from "./present-case.ts";
import { cnToday } from "./today.ts";

/**
 * A case as its handlers see it: the filing, every event with internal notes, files, related
 * open cases to consider merging, and the steps they may take. The filer's identity is not
 * in it; the assigned handler reveals it separately, and that is audited. Every read is
 * audited too, since the case holds evidence text.
 */
export async function getCase(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  id: number,
  lang: Locale,
) {
  const filer = await findFiler(ctx.db, id);
  const c = requireHandler(actor, await findCase(ctx.db, id), filer, ctx.cipher);
  const [events, files, related, today, links, subjects] = await Promise.all([
    listEvents(ctx.db, id, false),
    listFiles(ctx.db, id),
    relatedOpenCases(ctx.db, c),
    cnToday(ctx.db),
    linksForHandler(ctx, actor, c, lang),
    // The member the case names, as far as this handler may see the roster.
    c.subjectMemberId ? memberRefsByIds(ctx.db, actor, "members:read", [c.subjectMemberId]) : [],
  ]);
  const subject = subjects[0];
  await withTx(ctx.db, (tx) =>
    recordAudit(tx, audit, {
      action: "case.view",
      entityType: "case",
      entityId: c.id,
      orgPath: c.orgPath,
    }),
  );
  const machine = MACHINES[c.caseType];
  const open = !machine.states[c.state]?.final;
  return {
    ...presentSummary(c, today, lang),
    platform: c.details.platform ?? null,
    articles: c.details.provisionIds ?? [],
    outcome: c.outcome,
    outcomeLabel: outcomeLabel(c, lang),
    filed: filedFacts(events, ctx.cipher),
    subject: subject
      ? { memberId: subject.id, name: subject.name, orgName: subject.orgName }
      : null,
    anonymous: filer?.anonymous ?? false,
    events: presentEvents(c, events, ctx.cipher, lang),
    files: files.map((f) => ({
      id: f.id,
      fileName: ctx.cipher.decrypt(f.fileName),
      mime: f.mime,
      size: f.size,
      byFiler: f.byFiler,
    })),
    related: related.map((r) => ({ id: r.id, number: r.number, state: r.state })),
    links: links.links,
    can: {
      // A type with its own steps (discipline) takes none through the generic route, which
      // refuses them; offering them here would show buttons that can only fail.
      transitions: machine.ownSteps ? [] : availableTransitions(machine, c.state, "handler"),
      note: true,
      message: open && !(filer?.anonymous ?? false),
      assign: open,
      revealFiler: c.handlerUserId === actor.userId && filer?.identity != null,
      links: links.open,
    },
    outcomes: outcomeChoices(c, lang),
  };
}
