import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { AppContext } from "../../../platform/context.ts";
import { withTx } from "../../../platform/db/pool.ts";
import type { Locale } from "../../../platform/i18n.ts";
import { pathInScope } from "../../../platform/scope.ts";
import { memberRefsByIds } from "../../members/member-refs.ts";
import { CASES_HANDLE } from "../cases.policy.ts";
import { listEvents, listFiles } from "../core/case-events.repo.ts";
import { linksForHandler } from "../core/case-links.ts";
import { availableTransitions, type GuardFacts } from "../core/machine.ts";
import { parentPath } from "../core/org-path.ts";
import { presentSummary } from "../core/present-case.ts";
import { provisionsOf } from "./discipline.repo.ts";
import { disciplineMachine, MEASURES, type Measure } from "./discipline-machine.ts";
import { disciplineFacts, loadForHandler } from "./discipline-steps.ts";
import { findingOfCase } from "./origins.ts";

/**
 * A discipline case as its handlers see it: the allegation, every record (findings,
 * interviews, the notice, the defence and the answers, the decision), files, links, and the
 * steps open now, each with the machine's reason when its guard refuses it. Audited like any
 * case read.
 */
export async function getDiscipline(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  id: number,
  lang: Locale,
) {
  const { c, d } = await loadForHandler(ctx.db, ctx, actor, id);
  const [events, files, facts, links, subjects, cited, finding] = await Promise.all([
    listEvents(ctx.db, id, false),
    listFiles(ctx.db, id),
    disciplineFacts(ctx.db, d),
    linksForHandler(ctx, actor, c, lang),
    c.subjectMemberId ? memberRefsByIds(ctx.db, actor, "members:read", [c.subjectMemberId]) : [],
    provisionsOf(ctx.db, d.regulationVersionId, d.citedProvisionIds),
    d.originFindingId ? findingOfCase(ctx.db, actor, d.originFindingId) : null,
  ]);
  await withTx(ctx.db, (tx) =>
    recordAudit(tx, audit, {
      action: "case.view",
      entityType: "case",
      entityId: c.id,
      orgPath: c.orgPath,
    }),
  );
  const state = c.state as keyof typeof disciplineMachine.states;
  const steps = availableTransitions(disciplineMachine, state, "handler").map((name) => {
    const rule = disciplineMachine.transitions[name];
    const refusal = "guard" in rule ? rule.guard(facts as unknown as GuardFacts) : null;
    return { name, label: rule.label["zh-CN"], refusal: refusal?.[lang] ?? null };
  });
  const subject = subjects[0];
  return {
    ...presentSummary(c, facts.today, lang),
    subject: subject
      ? { memberId: subject.id, name: subject.name, orgName: subject.orgName }
      : null,
    origin: d.origin,
    /** The registry finding it was opened from; its text only while the handler oversees it. */
    finding,
    conductOn: d.conductOn,
    cited,
    noticeOn: d.noticeOn,
    defenceDueOn: d.defenceDueOn,
    defenceOn: d.defenceOn,
    decidedOn: d.decidedOn,
    measure: d.measure,
    measureLabel: d.measure ? MEASURES[d.measure as Measure][lang] : null,
    appealDueOn: d.appealDueOn,
    appealedOn: d.appealedOn,
    appealOutcome: d.appealOutcome,
    unansweredPoints: facts.unansweredPoints,
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      toStateLabel: e.toState
        ? (disciplineMachine.states[e.toState as typeof state]?.label[lang] ?? e.toState)
        : null,
      actorName: e.actorName,
      byMember: e.byFiler,
      visibleToMember: e.visibleToFiler,
      record: e.body ? decode(ctx.cipher.decrypt(e.body)) : null,
      meta: e.meta,
      createdOn: e.createdOn,
    })),
    files: files.map((f) => ({
      id: f.id,
      fileName: ctx.cipher.decrypt(f.fileName),
      mime: f.mime,
      size: f.size,
      byMember: f.byFiler,
    })),
    links: links.links,
    can: {
      steps,
      record: c.state !== "closed",
      reviewAppeal:
        c.state === "appealed" &&
        pathInScope(actor, CASES_HANDLE, parentPath(c.orgPath)) &&
        actor.userId !== d.decidedBy,
    },
  };
}

/** Step records are JSON; notes are plain text. */
function decode(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? value : { text };
  } catch {
    return { text };
  }
}
