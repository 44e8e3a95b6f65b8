import type { TrendMonth } from "./dashboards.api";

/**
 * The trend metrics in groups of a few, one group on the chart at a time: twenty series on
 * one chart were unreadable on a phone, and counts of different kinds do not compare.
 */
export type TrendGroup = "study" | "life" | "grades" | "rectify" | "integrity" | "cases";

type Counted = Exclude<keyof TrendMonth, "month" | "members">;

export interface TrendSeries {
  key: Counted;
  color: string;
}

export const TREND_GROUPS: Record<TrendGroup, TrendSeries[]> = {
  study: [
    { key: "campaignsPublished", color: "#d4a017" },
    { key: "examPassed", color: "#c8102e" },
    { key: "campaignsCompleted", color: "#389e0d" },
    { key: "practiceDays", color: "#1677ff" },
  ],
  life: [
    { key: "meetingsHeld", color: "#d4a017" },
    { key: "selfReviewsSubmitted", color: "#389e0d" },
    { key: "selfReviewsReturned", color: "#d4380d" },
    { key: "evaluationsClosed", color: "#531dab" },
  ],
  // Members graded, by the month their round closed: a group of its own, since it is sent
  // only to those who read 民主评议 rounds, and counts people, not meetings.
  grades: [
    { key: "gradeExcellent", color: "#c8102e" },
    { key: "gradeCompetent", color: "#389e0d" },
    { key: "gradeBasicallyCompetent", color: "#d4a017" },
    { key: "gradeIncompetent", color: "#595959" },
  ],
  rectify: [
    { key: "rectificationsOpened", color: "#8c8c8c" },
    { key: "rectificationsClosed", color: "#389e0d" },
  ],
  integrity: [
    { key: "declarations", color: "#08979c" },
    { key: "commendations", color: "#c8102e" },
  ],
  cases: [
    { key: "reportsReceived", color: "#d4380d" },
    { key: "disciplineOpened", color: "#820014" },
    { key: "disciplineClosed", color: "#389e0d" },
  ],
};

/**
 * The groups this reader may see: 民主评议 grades come only to those who manage or oversee the
 * rounds, case counts only to those who handle cases.
 */
export function visibleGroups(months: TrendMonth[]): TrendGroup[] {
  const groups: TrendGroup[] = ["study", "life"];
  if (months.some((m) => m.gradeExcellent !== null)) groups.push("grades");
  groups.push("rectify", "integrity");
  if (months.some((m) => m.reportsReceived !== null)) groups.push("cases");
  return groups;
}

/**
 * A count as the chart plots it: a withheld small count ("<3") has no height to draw, so it
 * is a gap, and the tooltip says 「<3」.
 */
export const plotted = (v: number | "<3" | null): number | null =>
  typeof v === "number" ? v : null;

/**
 * When the totals were folded, as the page says it: the time alone when it is today (in
 * China), the date too when the fold is older, so a stopped job shows.
 */
export function foldedTime(foldedAt: string, today: string): string {
  const [date = "", time = ""] = foldedAt.split(" ");
  return date === today ? time : `${date} ${time}`;
}
