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
