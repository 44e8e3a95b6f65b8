import { get } from "../../shared/api";

export interface Answers {
  answered: number;
  correct: number;
}

export interface ArticleLine {
  articleId: number;
  number: number;
  label: string;
  chapter: string | null;
  provisions: {
    obligation: number;
    prohibition: number;
    encouragement: number;
    permission: number;
  };
  study: Answers;
  practice: Answers;
  selfReview: { items: number; gaps: number };
  rectification: {
    total: number;
    open: number;
    overdue: number;
    awaitingClose: number;
    closed: number;
  };
  reports: number | null;
  flag: "studied_not_checked" | "checked_not_studied" | null;
}

export interface ImplementationMap {
  org: { id: number; name: string };
  documentId: number;
  includesReports: boolean;
  articles: ArticleLine[];
  summary: {
    articles: number;
    studied: number;
    checked: number;
    studiedNotChecked: number;
    checkedNotStudied: number;
  };
}

export const getImplementationMap = (orgId: number) =>
  get<ImplementationMap>("/dashboards/implementation-map", { orgId });

export const implementationMapUrl = (orgId: number) =>
  `/api/dashboards/implementation-map.xlsx?orgId=${orgId}`;

/** Share answered right, as a whole percentage; null when nothing was answered. */
export function rightRate(a: Answers): number | null {
  return a.answered === 0 ? null : Math.round((100 * a.correct) / a.answered);
}

export interface SubordinateRow {
  orgId: number;
  name: string;
  kind: "committee" | "general_branch" | "branch" | "group";
  members: number;
  passed: number;
  passRate: number | null;
  branches: number;
  branchesWithoutMeeting: number;
  rectificationsOpen: number;
  rectificationsOverdue: number;
}

export interface Subordinates {
  org: { id: number; name: string };
  year: number;
  rows: SubordinateRow[];
  /** Beijing time "YYYY-MM-DD HH:mm" of the last fold; the rectification columns are live. */
  foldedAt: string | null;
}

export const getSubordinates = (orgId: number, year: number) =>
  get<Subordinates>("/dashboards/subordinates", { orgId, year });

export const subordinatesUrl = (orgId: number, year: number) =>
  `/api/dashboards/subordinates.xlsx?orgId=${orgId}&year=${year}`;

export interface TrendMonth {
  month: string;
  members: number;
  examPassed: number;
  meetingsHeld: number;
  rectificationsOpened: number;
  rectificationsClosed: number;
  selfReviewsSubmitted: number;
  selfReviewsReturned: number;
  evaluationsClosed: number;
  declarations: number;
  commendations: number;
  campaignsPublished: number;
  /** Members passing a campaign's exam for the first time (one per campaign and member). */
  campaignsCompleted: number;
  /** 每日一练 days completed (member-days). */
  practiceDays: number;
  /** Members graded in rounds closed in the month; null unless the reader manages or
   * oversees 民主评议 over the org. */
  gradeExcellent: number | null;
  gradeCompetent: number | null;
  gradeBasicallyCompetent: number | null;
  gradeIncompetent: number | null;
  /** Null unless the reader handles cases over the org. */
  reportsReceived: number | null;
  /** One or two discipline cases come as "<3"; null unless the reader handles cases. */
  disciplineOpened: number | "<3" | null;
  disciplineClosed: number | "<3" | null;
}

export interface Trends {
  org: { id: number; name: string };
  year: number;
  months: TrendMonth[];
  /** Beijing time "YYYY-MM-DD HH:mm" of the last fold; null before the first. */
  foldedAt: string | null;
}

export const getTrends = (orgId: number, year: number) =>
  get<Trends>("/dashboards/trends", { orgId, year });
