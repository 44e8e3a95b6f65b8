import { z } from "zod";
import { DateOnly } from "../../members/members.schemas.ts";
import { Id, isControl } from "../../orgs/orgs.schemas.ts";
import { MEASURE_CODES } from "./discipline-machine.ts";

const Prose = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine(
      (s) => ![...s].some((c) => isControl(c) && c !== "\n" && c !== "\r" && c !== "\t"),
      "control characters are not allowed",
    );
const Line = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => ![...s].some(isControl), "control characters are not allowed");
const ProvisionIds = z.array(Id).min(1).max(20);

export const ORIGINS = [
  "direct",
  "review_meeting",
  "report",
  "protection",
  "declaration_finding",
] as const;

export const OpenBody = z
  .strictObject({
    origin: z.enum(ORIGINS),
    /** The report or protection case it comes from. */
    fromCaseId: Id.optional(),
    meetingId: Id.optional(),
    /** The registry finding marked 「需立案审查」 it comes from; it names the cadre. */
    findingId: Id.optional(),
    /** Required when opened directly or from a meeting; from a report, defaults to its subject. */
    memberId: Id.optional(),
    /** The handling org; by default the member's own (one up when they are its secretary). */
    orgId: Id.optional(),
    conductOn: DateOnly,
    provisionIds: ProvisionIds,
    /** What the member is alleged to have done, for the handlers only. */
    allegation: Prose(5000),
  })
  .refine((b) => !["report", "protection"].includes(b.origin) || b.fromCaseId, {
    path: ["fromCaseId"],
    message: "name the case it comes from",
  })
  .refine((b) => b.origin !== "review_meeting" || b.meetingId, {
    path: ["meetingId"],
    message: "name the meeting",
  })
  .refine((b) => b.origin !== "declaration_finding" || b.findingId, {
    path: ["findingId"],
    message: "name the finding",
  });
export type OpenBody = z.infer<typeof OpenBody>;

export const ProvisionsQuery = z.strictObject({ conductOn: DateOnly });

export const RecordBody = z.strictObject({
  kind: z.enum(["finding", "interview"]),
  text: Prose(10000),
});

export const NoticeBody = z.strictObject({
  facts: Prose(10000),
  /** The provisions the notice cites; by default those cited when the case was opened. */
  provisionIds: ProvisionIds.optional(),
  defenceDays: z.number().int().min(3).max(30).default(7),
});

export const DefenceBody = z.strictObject({ points: z.array(Prose(5000)).min(1).max(20) });

export const ResponsesBody = z.strictObject({
  responses: z
    .array(
      z.strictObject({
        point: z.number().int().min(0).max(19),
        adopted: z.boolean(),
        text: Prose(5000),
      }),
    )
    .min(1)
    .max(20),
});

const Meeting = {
  /** The body that decided, e.g. 中共城关镇委员会. */
  decidedBy: Line(100),
  /** The meeting, e.g. 镇党委会议 or 支部党员大会, and its date. */
  meetingName: Line(100),
  meetingOn: DateOnly,
};

export const DecisionBody = z.strictObject({
  measure: z.enum(MEASURE_CODES),
  /** For 组织处理 (停职检查、调整职务…) or 留党察看 (一年/二年): what exactly. */
  measureDetail: Line(100).optional(),
  provisionIds: ProvisionIds,
  factsFound: Prose(10000),
  reasons: Prose(10000),
  appealDays: z.number().int().min(5).max(90).default(30),
  ...Meeting,
});
export type DecisionBody = z.infer<typeof DecisionBody>;

export const DismissBody = z.strictObject({ reasons: Prose(5000) });

export const AppealBody = z.strictObject({ reasons: Prose(10000) });

export const AppealReviewBody = z
  .strictObject({
    outcome: z.enum(["upheld", "changed", "revoked"]),
    measure: z.enum(MEASURE_CODES).optional(),
    measureDetail: Line(100).optional(),
    reasons: Prose(10000),
    ...Meeting,
  })
  .refine((b) => b.outcome !== "changed" || b.measure, {
    path: ["measure"],
    message: "a changed decision names its new measure",
  });
export type AppealReviewBody = z.infer<typeof AppealReviewBody>;

export const DocParams = z.strictObject({ id: Id, doc: z.enum(["notice", "decision", "appeal"]) });

export const StatsQuery = z.strictObject({
  from: DateOnly.optional(),
  to: DateOnly.optional(),
});
