import type {
  CloseFollowupBody,
  DecideRestBody,
  DecryptionBody,
  Followup,
  OpenRoundBody,
  RoundDetail,
  RoundSummary,
  TrusteeKeyBody,
  VoteBody,
} from "../../../../server/src/modules/review/evaluation/evaluation.schemas.ts";
import type {
  CreateMeetingBody,
  MeetingDetail,
  MeetingSummary,
  UpdateMeetingBody,
} from "../../../../server/src/modules/review/meetings/meetings.schemas.ts";
import type {
  CreateRectificationBody,
  Rectification,
  UpdateRectificationBody,
} from "../../../../server/src/modules/review/rectification/rectification.schemas.ts";
import type {
  DraftBody,
  SelfReviewDetail,
} from "../../../../server/src/modules/review/self-review/self-review.schemas.ts";
import { api, get, patch, post } from "../../shared/api";

export type {
  Followup,
  MeetingDetail,
  MeetingSummary,
  Rectification,
  RoundDetail,
  RoundSummary,
  SelfReviewDetail,
};
export type Grade = RoundDetail["members"][number]["tally"] extends infer T
  ? keyof NonNullable<T>
  : never;
export const GRADES = ["excellent", "competent", "basically_competent", "incompetent"] as const;

type Items<T> = { items: T[] };
/** A keyset page: `after` is the previous page's nextCursor. */
type Page<T> = Items<T> & { nextCursor: string | null };
const put = <T>(path: string, body: unknown) => api<T>("PUT", path, { body });

export const listMeetings = (query: { orgId?: number; year?: number; after?: string }) =>
  get<Page<MeetingSummary>>("/review/meetings", query);
export const createMeeting = (body: CreateMeetingBody) =>
  post<MeetingDetail>("/review/meetings", body);
export const getMeeting = (id: number) => get<MeetingDetail>(`/review/meetings/${id}`);
export const updateMinutes = (id: number, minutes: string) =>
  patch<MeetingDetail>(`/review/meetings/${id}`, { minutes });
export const updateMeeting = (id: number, changes: UpdateMeetingBody) =>
  patch<MeetingDetail>(`/review/meetings/${id}`, changes);
export const recordAttendance = (
  id: number,
  entries: { memberId: number; present: boolean; absenceReason?: string | null }[],
) => put<MeetingDetail>(`/review/meetings/${id}/attendance`, { entries });
export const addCriticism = (
  id: number,
  body: { fromMemberId: number; toMemberId: number; criticism: string; response?: string },
) => post<MeetingDetail>(`/review/meetings/${id}/criticisms`, body);
export const uploadAttachment = (id: number, file: File) =>
  api<MeetingDetail>("POST", `/review/meetings/${id}/attachments`, { file });

export const listMine = () =>
  get<
    Items<{
      selfReviewId: number;
      meetingId: number;
      kind: MeetingSummary["kind"];
      topic: string;
      heldOn: string;
      orgName: string;
      status: SelfReviewDetail["status"];
    }>
  >("/review/mine");
export const getSelfReview = (id: number) => get<SelfReviewDetail>(`/review/self-reviews/${id}`);
export const saveDraft = (id: number, body: DraftBody) =>
  put<SelfReviewDetail>(`/review/self-reviews/${id}/draft`, body);
export const submitSelfReview = (id: number) =>
  post<SelfReviewDetail>(`/review/self-reviews/${id}/submit`);
export const returnSelfReview = (id: number, comment: string) =>
  post<SelfReviewDetail>(`/review/self-reviews/${id}/return`, { comment });

export const listRectifications = (query: {
  status?: string;
  mine?: string;
  orgId?: number;
  after?: string;
}) => get<Page<Rectification>>("/review/rectifications", query);
export const completeRectification = (id: number, evidence: string) =>
  post<Rectification>(`/review/rectifications/${id}/complete`, { evidence });

export const createRectification = (body: CreateRectificationBody) =>
  post<Rectification>("/review/rectifications", body);
export const closeRectification = (id: number, comment?: string) =>
  post<Rectification>(`/review/rectifications/${id}/close`, comment ? { comment } : {});
export const returnRectification = (id: number, comment: string) =>
  post<Rectification>(`/review/rectifications/${id}/return`, { comment });
export const ledgerUrl = (orgId: number, status?: string) =>
  `/api/review/rectifications/ledger.xlsx?orgId=${orgId}${status ? `&status=${status}` : ""}`;
export const updateRectification = (id: number, body: UpdateRectificationBody) =>
  patch<Rectification>(`/review/rectifications/${id}`, body);
export const uploadEvidence = (id: number, file: File) =>
  api<Rectification>("POST", `/review/rectifications/${id}/evidence`, { file });
export const evidenceUrl = (id: number, fileId: number) =>
  `/api/review/rectifications/${id}/evidence/${fileId}`;

export const listFollowups = (query: {
  orgId?: number;
  status?: Followup["status"];
  after?: string;
}) => get<Page<Followup>>("/review/followups", query);
export const closeFollowup = (id: number, body: CloseFollowupBody) =>
  post<Followup>(`/review/followups/${id}/close`, body);

export const listRounds = (query: { orgId?: number; after?: string }) =>
  get<Page<RoundSummary>>("/review/rounds", query);
export const openRound = (body: OpenRoundBody) => post<RoundDetail>("/review/rounds", body);
export const getRound = (id: number) => get<RoundDetail>(`/review/rounds/${id}`);
export const writeSummary = (id: number, summary: string, suggestedGrade: Grade) =>
  put<RoundDetail>(`/review/rounds/${id}/summary`, { summary, suggestedGrade });
export const castVote = (id: number, body: VoteBody) =>
  post<{ trackingCode: string }>(`/review/rounds/${id}/votes`, body);
export const listPublishedBallots = (id: number) =>
  get<Items<{ trackingCode: string; memberId: number }>>(`/review/rounds/${id}/ballots`);
export const setTrustees = (id: number, memberIds: number[]) =>
  post<RoundDetail>(`/review/rounds/${id}/trustees`, { memberIds });
export const submitTrusteeKey = (id: number, body: TrusteeKeyBody) =>
  post<RoundDetail>(`/review/rounds/${id}/trustee-key`, body);
export const submitDecryption = (id: number, body: DecryptionBody) =>
  post<RoundDetail>(`/review/rounds/${id}/decryption`, body);
export const restartRound = (id: number) => post<RoundDetail>(`/review/rounds/${id}/restart`);
export const closeRound = (id: number) => post<RoundDetail>(`/review/rounds/${id}/close`);
export const decideGrade = (
  id: number,
  body: { memberId: number; grade: Grade; reason?: string },
) => post<RoundDetail>(`/review/rounds/${id}/decisions`, body);

export const decideRest = (id: number, body: DecideRestBody) =>
  post<RoundDetail>(`/review/rounds/${id}/decisions/rest`, body);

export interface OversightRow {
  orgId: number;
  orgName: string;
  meetings: number;
  lastMeetingOn: string | null;
  selfReviews: number;
  submitted: number;
  rectificationsOpen: number;
  rectificationsOverdue: number;
  followupsOpen: number;
  grades: Record<Grade, number>;
}
export const getOversight = (query: { year: number; orgId?: number; after?: string }) =>
  get<Page<OversightRow> & { year: number }>("/review/oversight", query);

/** Downloads go through plain links so the browser saves them with the server's file name. */
export const meetingRecordUrl = (id: number) => `/api/review/meetings/${id}/record.docx`;
export const materialUrl = (id: number) => `/api/review/self-reviews/${id}/material.docx`;
export const attachmentUrl = (id: number, attachmentId: number) =>
  `/api/review/meetings/${id}/attachments/${attachmentId}`;
/** The results as a sheet (.xlsx) or as a record in 公文 form (.docx). */
export const roundResultsUrl = (id: number, format: "xlsx" | "docx") =>
  `/api/review/rounds/${id}/results.${format}`;
export const oversightUrl = (year: number, orgId?: number) =>
  `/api/review/oversight.xlsx?year=${year}${orgId ? `&orgId=${orgId}` : ""}`;
