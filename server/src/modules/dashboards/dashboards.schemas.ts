import { z } from "zod";
import { BELOW_FLOOR } from "../cases/discipline/small-counts.ts";

export const ImplementationMapQuery = z.strictObject({
  orgId: z.coerce.number().int().positive(),
});

const Count = z.number().int().nonnegative();
const Answers = z.object({ answered: Count, correct: Count });

/** One article in force and what the subtree did under it. */
export const ArticleLine = z.object({
  articleId: z.number(),
  number: z.number(),
  label: z.string(),
  chapter: z.string().nullable(),
  /** How many of its provisions oblige, forbid, encourage or permit. */
  provisions: z.object({
    obligation: Count,
    prohibition: Count,
    encouragement: Count,
    permission: Count,
  }),
  /** Answers in submitted exams to questions citing the article. */
  study: Answers,
  /** Answers in 每日一练 to questions citing it. */
  practice: Answers,
  /** Lines of submitted self-reviews drawn from its provisions, and those marked as a gap. */
  selfReview: z.object({ items: Count, gaps: Count }),
  /** Rectifications that came from those gaps, by state. */
  rectification: z.object({
    total: Count,
    open: Count,
    overdue: Count,
    awaitingClose: Count,
    closed: Count,
  }),
  /** Reports citing it; null when the caller does not handle cases over the org. */
  reports: Count.nullable(),
  /** Studied but never checked in a self-review, or checked but never studied. */
  flag: z.enum(["studied_not_checked", "checked_not_studied"]).nullable(),
});
export type ArticleLine = z.infer<typeof ArticleLine>;

export const ImplementationMap = z.object({
  org: z.object({ id: z.number(), name: z.string() }),
  /** The regulation's document, for links into the reader. */
  documentId: z.number(),
  includesReports: z.boolean(),
  articles: z.array(ArticleLine),
  summary: z.object({
    articles: Count,
    studied: Count,
    checked: Count,
    studiedNotChecked: Count,
    checkedNotStudied: Count,
  }),
});
export type ImplementationMap = z.infer<typeof ImplementationMap>;

export const SubordinatesQuery = z.strictObject({
  orgId: z.coerce.number().int().positive(),
  /** The year the meetings, exams and passes are counted in; this year by default. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const Subordinates = z.object({
  org: z.object({ id: z.number(), name: z.string() }),
  year: z.number(),
  rows: z.array(
    z.object({
      orgId: z.number(),
      name: z.string(),
      kind: z.enum(["committee", "general_branch", "branch", "group"]),
      members: Count,
      passed: Count,
      /** Share of members with a passed exam in the year, in per cent to one decimal. */
      passRate: z.number().nullable(),
      branches: Count,
      branchesWithoutMeeting: Count,
      rectificationsOpen: Count,
      rectificationsOverdue: Count,
    }),
  ),
  /** Beijing time "YYYY-MM-DD HH:mm" of the last fold, which all but the rectification columns are as of; null before the first. */
  foldedAt: z.string().nullable(),
});
export type Subordinates = z.infer<typeof Subordinates>;

export const TrendsQuery = z.strictObject({
  orgId: z.coerce.number().int().positive(),
  /** The calendar year (Beijing time) of the twelve months; this year by default. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

const Floored = z.union([Count, z.literal(BELOW_FLOOR)]).nullable();

/** One calendar month of the org's whole subtree, read from the rollups. */
export const TrendMonth = z.object({
  /** "YYYY-MM". */
  month: z.string(),
  /** Members on the roster at the month's end. */
  members: z.number().int(),
  /** Exams passed in the month (人次: a member passing two exams counts twice). */
  examPassed: Count,
  /** 组织生活会 held in the month. */
  meetingsHeld: Count,
  rectificationsOpened: Count,
  rectificationsClosed: Count,
  /** Self-reviews standing submitted, by the month of submission. */
  selfReviewsSubmitted: Count,
  /** Self-reviews sent back and not yet resubmitted, by the month sent back. */
  selfReviewsReturned: Count,
  /** 民主评议 rounds closed in the month. */
  evaluationsClosed: Count,
  /** Cadre declarations submitted in the month, under the org that ran the campaign. */
  declarations: Count,
  /** Commendations approved in the month. */
  commendations: Count,
  /** Study campaigns published in the month (withdrawn ones not counted). */
  campaignsPublished: Count,
  /** Campaigns completed: members passing a campaign's exam for the first time, one per
   * campaign and member, by the month of that attempt. */
  campaignsCompleted: Count,
  /** 每日一练 days completed by members (member-days). */
  practiceDays: Count,
  /** Members graded in 民主评议 rounds standing closed, per grade, by the month the round
   * closed; null unless the caller manages or oversees 民主评议 over the org. */
  gradeExcellent: Count.nullable(),
  gradeCompetent: Count.nullable(),
  gradeBasicallyCompetent: Count.nullable(),
  gradeIncompetent: Count.nullable(),
  /** Reports received; null unless the caller handles cases over the org. */
  reportsReceived: Count.nullable(),
  /** Discipline cases opened and closed: one or two shown as "<3" (the discipline statistics'
   * small-count floor); null unless the caller handles cases over the org. */
  disciplineOpened: Floored,
  disciplineClosed: Floored,
});
export type TrendMonth = z.infer<typeof TrendMonth>;

export const Trends = z.object({
  org: z.object({ id: z.number(), name: z.string() }),
  year: z.number(),
  months: z.array(TrendMonth),
  /** Beijing time "YYYY-MM-DD HH:mm" of the last fold that emptied the queue: the totals
   * hold every change made before it. Null before the first fold. */
  foldedAt: z.string().nullable(),
});
export type Trends = z.infer<typeof Trends>;
