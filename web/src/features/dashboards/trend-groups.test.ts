import { describe, expect, it } from "vitest";
import type { TrendMonth } from "./dashboards.api";
import { enUS, zhCN } from "./locale";
import { foldedTime, plotted, TREND_GROUPS, visibleGroups } from "./trend-groups";

const month = (m: number, cases: boolean, grades = false): TrendMonth => ({
  month: `2026-${String(m).padStart(2, "0")}`,
  members: 120 + m,
  examPassed: m,
  meetingsHeld: 1,
  rectificationsOpened: 2,
  rectificationsClosed: 1,
  selfReviewsSubmitted: 30,
  selfReviewsReturned: 2,
  evaluationsClosed: 0,
  declarations: 4,
  commendations: 1,
  campaignsPublished: 1,
  campaignsCompleted: 3,
  practiceDays: 410,
  gradeExcellent: grades ? 4 : null,
  gradeCompetent: grades ? 25 : null,
  gradeBasicallyCompetent: grades ? 1 : null,
  gradeIncompetent: grades ? 0 : null,
  reportsReceived: cases ? 5 : null,
  disciplineOpened: cases ? "<3" : null,
  disciplineClosed: cases ? 0 : null,
});

describe("按月趋势 groups", () => {
  it("says the time alone for a fold today and the date too for an older one", () => {
    expect(foldedTime("2026-12-02 16:41", "2026-12-02")).toBe("16:41");
    expect(foldedTime("2026-11-30 23:59", "2026-12-02")).toBe("2026-11-30 23:59");
  });

  it("shows the report and discipline group only when the server sent its counts", () => {
    expect(visibleGroups([month(1, false), month(2, false)])).not.toContain("cases");
    expect(visibleGroups([month(1, true)])).toContain("cases");
  });

  it("shows the 民主评议 grade group only when the server sent the grades", () => {
    expect(visibleGroups([month(1, true), month(2, true)])).not.toContain("grades");
    expect(visibleGroups([month(1, false, true)])).toEqual([
      "study",
      "life",
      "grades",
      "rectify",
      "integrity",
    ]);
  });

  it("puts practice days and campaigns completed with the study figures", () => {
    expect(TREND_GROUPS.study.map((s) => s.key)).toEqual(
      expect.arrayContaining(["practiceDays", "campaignsCompleted"]),
    );
  });

  it("draws a withheld discipline count as a gap, never as a height", () => {
    expect(plotted("<3")).toBeNull();
    expect(plotted(null)).toBeNull();
    expect(plotted(0)).toBe(0);
    expect(plotted(7)).toBe(7);
  });

  it("labels every series and group in both languages", () => {
    for (const [group, series] of Object.entries(TREND_GROUPS)) {
      for (const dict of [zhCN, enUS]) {
        const trend = dict.dashboards.trend as Record<string, unknown>;
        expect(dict.dashboards.trend.groups[group as keyof typeof TREND_GROUPS]).toBeTruthy();
        for (const s of series) expect(typeof trend[s.key], s.key).toBe("string");
      }
    }
  });
});
