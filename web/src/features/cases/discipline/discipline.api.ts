import type { z } from "zod";
import type * as s from "../../../../../server/src/modules/cases/discipline/discipline.schemas.ts";
import { api, get, post } from "../../../shared/api";

export type OpenInput = z.input<typeof s.OpenBody>;
export type NoticeInput = z.input<typeof s.NoticeBody>;
export type DecisionInput = z.input<typeof s.DecisionBody>;
export type ReviewInput = z.input<typeof s.AppealReviewBody>;
export type ResponsesInput = z.input<typeof s.ResponsesBody>;
export type Measure = DecisionInput["measure"];
export type DocKind = "notice" | "decision" | "appeal";

export interface Provision {
  id: number;
  articleNumber: number;
  articleLabel: string;
  seq: number;
  text: string;
}
type Quoted = Pick<Provision, "articleLabel" | "seq" | "text">;
export interface Step {
  name: string;
  label: string;
  /** Why the machine would refuse it now, or null when it may be taken. */
  refusal: string | null;
}

/** The handlers' view (GET /discipline/:id). */
export interface DisciplineDetail {
  id: number;
  number: string;
  orgName: string;
  state: string;
  stateLabel: string;
  handlerName: string | null;
  openedOn: string;
  subject: { memberId: number; name: string; orgName: string } | null;
  origin: string;
  /** The registry finding it was opened from; its text only while the handler oversees it. */
  finding:
    | { id: number; visible: false }
    | {
        id: number;
        visible: true;
        declarationId: number;
        campaignTitle: string;
        finding: string;
        version: number;
        recordedBy: string;
        recordedAt: string;
      }
    | null;
  conductOn: string;
  cited: Provision[];
  noticeOn: string | null;
  defenceDueOn: string | null;
  defenceOn: string | null;
  decidedOn: string | null;
  measure: Measure | null;
  measureLabel: string | null;
  appealDueOn: string | null;
  appealedOn: string | null;
  appealOutcome: string | null;
  unansweredPoints: number;
  events: {
    id: number;
    kind: string;
    toStateLabel: string | null;
    actorName: string | null;
    byMember: boolean;
    visibleToMember: boolean;
    record: Record<string, unknown> | null;
    meta: Record<string, unknown>;
    createdOn: string;
  }[];
  files: { id: number; fileName: string; size: number; byMember: boolean }[];
  links: { caseId: number; number: string; linkType: string; direction: string }[];
  can: { steps: Step[]; record: boolean; reviewAppeal: boolean };
}

/** The member's own view (GET /discipline/mine/:id): nothing of who opened or handled it. */
export interface MyDiscipline {
  id: number;
  number: string;
  orgName: string;
  state: string;
  stateLabel: string;
  conductOn: string;
  notice: { servedOn: string; facts: string; provisions: Quoted[]; defenceDueOn: string } | null;
  defence: { submittedOn: string; points: string[] } | null;
  files: { id: number; fileName: string; size: number }[];
  decision: {
    decidedOn: string;
    measureLabel: string;
    measureDetail: string | null;
    factsFound: string;
    provisions: Quoted[];
    reasons: string;
    decidedBy: string;
    meetingName: string;
    meetingOn: string;
    appealDueOn: string;
    appealTo: string;
    answers: { point: number; adopted: boolean; text: string }[];
  } | null;
  dismissal: { on: string; reasons: string } | null;
  appeal: { appealedOn: string; reasons: string } | null;
  appealReview: {
    decidedOn: string;
    outcomeLabel: string;
    measureLabel: string | null;
    reasons: string;
    decidedBy: string;
    meetingName: string;
    meetingOn: string;
  } | null;
  can: { defend: boolean; appeal: boolean; upload: boolean };
}

export interface MyDisciplineSummary {
  id: number;
  number: string;
  state: string;
  stateLabel: string;
  noticeOn: string;
  defenceDueOn: string | null;
  appealDueOn: string | null;
  measureLabel: string | null;
}

/** A registry finding marked 「需立案审查」 that no case has come from yet. */
export interface PendingFinding {
  id: number;
  finding: string;
  version: number;
  recordedBy: string;
  recordedAt: string;
  declarationId: number;
  campaignTitle: string;
  member: { id: number; name: string; position: string | null };
  orgName: string;
}
export interface MeetingOption {
  id: number;
  heldOn: string;
  orgName: string;
  topic: string;
}

/** A published count: exact, 「<3」 under the floor, or null where withheld (ADR 0024). */
export type Shown = number | "<3" | null;
export interface DisciplineStats {
  floor: number;
  measures: { code: Measure; label: string }[];
  byOrg: {
    orgId: number;
    orgName: string;
    opened: Shown;
    inProgress: Shown;
    decided: Shown;
    dismissed: Shown;
    measures: Partial<Record<Measure, Shown>>;
  }[];
  byArticle: {
    number: number;
    label: string;
    cited: Shown;
    applied: Shown;
    measures: Partial<Record<Measure, Shown>>;
  }[];
}
type Period = { from?: string; to?: string };

export const DISCIPLINE_KEY = ["discipline"] as const;

export const disciplineStats = (q: Period) => get<DisciplineStats>("/discipline/stats", q);
export const statsXlsxUrl = (q: Period) => {
  const params = new URLSearchParams(
    Object.entries(q).filter((e): e is [string, string] => Boolean(e[1])),
  );
  const query = params.toString();
  return `/api/discipline/stats.xlsx${query ? `?${query}` : ""}`;
};

export const listOrigins = () =>
  get<{ findings: PendingFinding[]; meetings: MeetingOption[] }>("/discipline/origins");

export const provisionsInForce = (conductOn: string) =>
  get<{ versionId: number; items: Provision[] }>("/discipline/provisions", { conductOn });
export const openDiscipline = (body: OpenInput) =>
  post<{ id: number; number: string }>("/discipline", body);
export const getDiscipline = (id: number) => get<DisciplineDetail>(`/discipline/${id}`);
export const addRecord = (id: number, kind: "finding" | "interview", text: string) =>
  post<{ id: number }>(`/discipline/${id}/records`, { kind, text });
export const serveNotice = (id: number, body: NoticeInput) =>
  post(`/discipline/${id}/notice`, body);
export const respond = (id: number, body: ResponsesInput) =>
  post(`/discipline/${id}/responses`, body);
export const decide = (id: number, body: DecisionInput) => post(`/discipline/${id}/decision`, body);
export const dismiss = (id: number, reasons: string) =>
  post(`/discipline/${id}/dismiss`, { reasons });
export const finalize = (id: number) => post(`/discipline/${id}/finalize`, {});
export const reviewAppeal = (id: number, body: ReviewInput) =>
  post(`/discipline/${id}/appeal-review`, body);
export const docUrl = (id: number, kind: DocKind) => `/api/discipline/${id}/documents/${kind}`;

export const listMyDiscipline = () => get<{ items: MyDisciplineSummary[] }>("/discipline/mine");
export const getMyDiscipline = (id: number) => get<MyDiscipline>(`/discipline/mine/${id}`);
export const submitDefence = (id: number, points: string[]) =>
  post(`/discipline/mine/${id}/defence`, { points });
export const uploadDefenceFile = (id: number, file: File) =>
  api<{ id: number }>("POST", `/discipline/mine/${id}/files`, { file });
export const appeal = (id: number, reasons: string) =>
  post(`/discipline/mine/${id}/appeal`, { reasons });
export const myDocUrl = (id: number, kind: DocKind) =>
  `/api/discipline/mine/${id}/documents/${kind}`;
