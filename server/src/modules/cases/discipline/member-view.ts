import type { Actor } from "../../../platform/auth/actor.ts";
import type { AppContext } from "../../../platform/context.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import type { Locale } from "../../../platform/i18n.ts";
import { listFiles } from "../core/case-events.repo.ts";
import { cnToday } from "../core/today.ts";
import type { ProvisionRef } from "./discipline.repo.ts";
import { disciplineMachine, MEASURES, type Measure } from "./discipline-machine.ts";
import { loadForMember } from "./discipline-steps.ts";

type Rec = Record<string, unknown>;

const measureLabel = (m: unknown, lang: Locale) =>
  typeof m === "string" && m in MEASURES ? MEASURES[m as Measure][lang] : null;

const quote = (provisions: unknown) =>
  ((provisions as ProvisionRef[] | undefined) ?? []).map((p) => ({
    articleLabel: p.articleLabel,
    seq: p.seq,
    text: p.text,
  }));

/** The records the member was given, newest of each kind, decrypted. */
export async function memberRecords(db: Queryable, ctx: AppContext, caseId: number) {
  const rows = await db.query<{ kind: string; body: Buffer | null; createdOn: string }>(
    `SELECT kind, body, created_on::text AS "createdOn" FROM case_events
      WHERE case_id = $1 AND visible_to_filer ORDER BY id`,
    [caseId],
  );
  const byKind = new Map<string, { on: string; r: Rec }>();
  for (const e of rows.rows) {
    if (e.body)
      byKind.set(e.kind, { on: e.createdOn, r: JSON.parse(ctx.cipher.decrypt(e.body)) as Rec });
  }
  return byKind;
}

/** The handler's answers to the defence, merged by point: the member reads them with the decision. */
export async function answers(db: Queryable, ctx: AppContext, caseId: number) {
  const rows = await db.query<{ body: Buffer }>(
    "SELECT body FROM case_events WHERE case_id = $1 AND kind = 'respond_defence' ORDER BY id",
    [caseId],
  );
  const byPoint = new Map<number, { point: number; adopted: boolean; text: string }>();
  for (const row of rows.rows) {
    const { responses } = JSON.parse(ctx.cipher.decrypt(row.body)) as {
      responses: { point: number; adopted: boolean; text: string }[];
    };
    for (const r of responses)
      byPoint.set(r.point, { point: r.point, adopted: r.adopted, text: r.text });
  }
  return [...byPoint.values()].sort((a, b) => a.point - b.point);
}

/**
 * The member's own case, built field by field from what was written for them: the notice,
 * their defence, the decision with its answers to the defence, the appeal and its review.
 * Nothing here names who opened or handled the case, where it came from, or what the
 * investigation recorded; those records are never read for this view.
 */
export async function getMyDiscipline(ctx: AppContext, actor: Actor, id: number, lang: Locale) {
  const { c, d } = await loadForMember(ctx.db, actor, id);
  const [records, files, today] = await Promise.all([
    memberRecords(ctx.db, ctx, id),
    listFiles(ctx.db, id),
    cnToday(ctx.db),
  ]);
  const notice = records.get("serve_notice");
  const defence = records.get("submit_defence");
  const decision = records.get("decide");
  const dismissal = records.get("dismiss");
  const appealRec = records.get("appeal");
  const review = records.get("review_appeal");
  const state = c.state as keyof typeof disciplineMachine.states;
  return {
    id: c.id,
    number: c.number,
    orgName: c.orgName,
    state: c.state,
    stateLabel: disciplineMachine.states[state]?.label[lang] ?? c.state,
    conductOn: d.conductOn,
    notice: notice
      ? {
          servedOn: notice.on,
          facts: String(notice.r.facts),
          provisions: quote(notice.r.provisions),
          defenceDueOn: d.defenceDueOn,
        }
      : null,
    defence: defence ? { submittedOn: defence.on, points: defence.r.points as string[] } : null,
    files: files
      .filter((f) => f.byFiler)
      .map((f) => ({ id: f.id, fileName: ctx.cipher.decrypt(f.fileName), size: f.size })),
    decision: decision
      ? {
          decidedOn: decision.on,
          measure: String(decision.r.measure),
          measureLabel: measureLabel(decision.r.measure, lang),
          measureDetail: (decision.r.measureDetail as string | undefined) ?? null,
          factsFound: String(decision.r.factsFound),
          provisions: quote(decision.r.provisions),
          reasons: String(decision.r.reasons),
          decidedBy: String(decision.r.decidedBy),
          meetingName: String(decision.r.meetingName),
          meetingOn: String(decision.r.meetingOn),
          appealDueOn: d.appealDueOn,
          appealTo: String(decision.r.appealTo),
          answers: await answers(ctx.db, ctx, id),
        }
      : null,
    dismissal: dismissal ? { on: dismissal.on, reasons: String(dismissal.r.reasons) } : null,
    appeal: appealRec ? { appealedOn: appealRec.on, reasons: String(appealRec.r.reasons) } : null,
    appealReview: review
      ? {
          decidedOn: review.on,
          outcome: String(review.r.outcome),
          outcomeLabel: disciplineMachine.outcomes[review.r.outcome as "upheld"]?.[lang] ?? null,
          measureLabel: measureLabel(review.r.measure ?? review.r.previousMeasure, lang),
          reasons: String(review.r.reasons),
          decidedBy: String(review.r.decidedBy),
          meetingName: String(review.r.meetingName),
          meetingOn: String(review.r.meetingOn),
        }
      : null,
    can: {
      defend: c.state === "notified" && d.defenceDueOn !== null && today <= d.defenceDueOn,
      appeal: c.state === "decided" && d.appealDueOn !== null && today <= d.appealDueOn,
      upload: ["notified", "defended", "decided", "appealed"].includes(c.state),
    },
  };
}

/** The member's discipline cases that they have been given notice of. */
export async function listMyDiscipline(db: Queryable, actor: Actor, lang: Locale) {
  if (actor.memberId === null) return { items: [] };
  const rows = await db.query<{
    id: number;
    number: string;
    state: keyof typeof disciplineMachine.states;
    noticeOn: string;
    defenceDueOn: string | null;
    appealDueOn: string | null;
    measure: string | null;
  }>(
    `SELECT c.id::int AS id, c.number, c.state, d.notice_on::text AS "noticeOn",
            d.defence_due_on::text AS "defenceDueOn", d.appeal_due_on::text AS "appealDueOn",
            d.measure
       FROM cases c JOIN discipline_cases d ON d.case_id = c.id
      WHERE c.subject_member_id = $1 AND c.case_type = 'discipline' AND c.erased_on IS NULL
        AND d.notice_on IS NOT NULL
      ORDER BY c.id DESC`,
    [actor.memberId],
  );
  return {
    items: rows.rows.map((r) => ({
      id: r.id,
      number: r.number,
      state: r.state,
      stateLabel: disciplineMachine.states[r.state]?.label[lang] ?? r.state,
      noticeOn: r.noticeOn,
      defenceDueOn: r.defenceDueOn,
      appealDueOn: r.appealDueOn,
      measureLabel: measureLabel(r.measure, lang),
    })),
  };
}
