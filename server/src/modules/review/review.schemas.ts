import { z } from "zod";
import { DateOnly } from "../members/members.schemas.ts";
import { Id, isControl } from "../orgs/orgs.schemas.ts";

/** One line of text: trimmed, no control characters. */
const Line = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => ![...s].some(isControl), "control characters are not allowed");
/** Free text that may run over several lines (minutes, 问题表现), but no other control chars. */
const Prose = (max: number) =>
  z
    .string()
    .max(max)
    .refine(
      (s) => ![...s].some((c) => isControl(c) && c !== "\n" && c !== "\r" && c !== "\t"),
      "control characters are not allowed",
    );

export const MeetingKind = z.enum(["branch_life", "leadership_life"]);
export const Grade = z.enum(["excellent", "competent", "basically_competent", "incompetent"]);
export type Grade = z.infer<typeof Grade>;
export const Year = z.coerce.number().int().min(2000).max(2100);

export const MeetingParams = z.strictObject({ id: Id });
export const SelfReviewParams = z.strictObject({ id: Id });
export const AttachmentParams = z.strictObject({ id: Id, attachmentId: Id });

export const CreateMeetingBody = z.strictObject({
  kind: MeetingKind,
  orgId: z.number().int().positive(),
  heldOn: DateOnly,
  topic: Line(200),
  location: Line(100, 0).optional(),
  rectifyBy: DateOnly,
  /** Who should attend; all active members of the org when absent. */
  attendeeIds: z.array(z.number().int().positive()).min(1).max(500).optional(),
});
export type CreateMeetingBody = z.infer<typeof CreateMeetingBody>;

export const UpdateMeetingBody = z
  .strictObject({
    heldOn: DateOnly,
    topic: Line(200),
    location: Line(100, 0),
    minutes: Prose(50_000),
    rectifyBy: DateOnly,
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, "nothing to change");
export type UpdateMeetingBody = z.infer<typeof UpdateMeetingBody>;

export const AttendanceBody = z.strictObject({
  entries: z
    .array(
      z.strictObject({
        memberId: z.number().int().positive(),
        present: z.boolean(),
        absenceReason: Line(200).nullable().optional(),
      }),
    )
    .min(1)
    .max(500),
});
export type AttendanceBody = z.infer<typeof AttendanceBody>;

export const CriticismBody = z.strictObject({
  fromMemberId: z.number().int().positive(),
  toMemberId: z.number().int().positive(),
  criticism: Prose(5000).refine((s) => s.trim().length > 0, "required"),
  response: Prose(5000).optional(),
});
export type CriticismBody = z.infer<typeof CriticismBody>;

export const MeetingListQuery = z.strictObject({
  orgId: Id.optional(),
  year: Year.optional(),
});

const Attendee = z.object({
  memberId: z.number(),
  name: z.string(),
  isCadre: z.boolean(),
  position: z.string().nullable(),
  present: z.boolean(),
  absenceReason: z.string().nullable(),
  selfReview: z.object({ id: z.number(), status: z.string(), gaps: z.number() }).nullable(),
});

export const MeetingSummary = z.object({
  id: z.number(),
  kind: MeetingKind,
  org: z.object({ id: z.number(), name: z.string() }),
  heldOn: z.string(),
  topic: z.string(),
  expected: z.number(),
  present: z.number(),
  submitted: z.number(),
});
export type MeetingSummary = z.infer<typeof MeetingSummary>;

export const MeetingDetail = MeetingSummary.extend({
  location: z.string(),
  minutes: z.string(),
  rectifyBy: z.string(),
  attendees: z.array(Attendee),
  attachments: z.array(
    z.object({ id: z.number(), fileName: z.string(), size: z.number(), sha256: z.string() }),
  ),
  criticisms: z.array(
    z.object({
      id: z.number(),
      fromMemberId: z.number(),
      fromName: z.string(),
      toMemberId: z.number(),
      toName: z.string(),
      criticism: z.string(),
      response: z.string(),
    }),
  ),
  can: z.object({ manage: z.boolean() }),
});
export type MeetingDetail = z.infer<typeof MeetingDetail>;

export const ChecklistAnswer = z.enum(["meets", "gap"]);
export const DraftBody = z.strictObject({
  overview: Prose(10_000).optional(),
  items: z
    .array(
      z.strictObject({
        seq: z.number().int().min(1).max(1000),
        answer: ChecklistAnswer.nullable(),
        problem: Prose(5000).optional(),
        cause: Prose(5000).optional(),
        measure: Prose(5000).optional(),
      }),
    )
    .max(200),
});
export type DraftBody = z.infer<typeof DraftBody>;

export const ReturnBody = z.strictObject({ comment: Line(1000) });

export const SelfReviewDetail = z.object({
  id: z.number(),
  meeting: z.object({
    id: z.number(),
    kind: MeetingKind,
    topic: z.string(),
    heldOn: z.string(),
    orgName: z.string(),
  }),
  member: z.object({ id: z.number(), name: z.string(), isCadre: z.boolean() }),
  status: z.enum(["draft", "submitted", "returned"]),
  overview: z.string(),
  returnComment: z.string().nullable(),
  submittedAt: z.string().nullable(),
  items: z.array(
    z.object({
      seq: z.number(),
      articleLabel: z.string(),
      provisionText: z.string(),
      answer: ChecklistAnswer.nullable(),
      problem: z.string(),
      cause: z.string(),
      measure: z.string(),
    }),
  ),
  can: z.object({ edit: z.boolean(), return: z.boolean() }),
});
export type SelfReviewDetail = z.infer<typeof SelfReviewDetail>;

export const MyReviews = z.object({
  items: z.array(
    z.object({
      selfReviewId: z.number(),
      meetingId: z.number(),
      kind: MeetingKind,
      topic: z.string(),
      heldOn: z.string(),
      orgName: z.string(),
      status: z.enum(["draft", "submitted", "returned"]),
    }),
  ),
});

export const RectificationQuery = z.strictObject({
  orgId: Id.optional(),
  meetingId: Id.optional(),
  status: z.enum(["open", "overdue", "done"]).optional(),
  mine: z.enum(["true", "false"]).optional(),
});
export type RectificationQuery = z.infer<typeof RectificationQuery>;

export const Rectification = z.object({
  id: z.number(),
  meetingId: z.number(),
  meetingTopic: z.string(),
  owner: z.object({ id: z.number(), name: z.string() }),
  problem: z.string(),
  measure: z.string(),
  dueOn: z.string(),
  status: z.enum(["open", "done"]),
  overdue: z.boolean(),
  evidence: z.string().nullable(),
  /** Files uploaded as evidence beside the text, oldest first. */
  evidenceFiles: z.array(
    z.object({
      id: z.number(),
      fileName: z.string(),
      mime: z.string(),
      size: z.number(),
      uploadedAt: z.string(),
    }),
  ),
  doneAt: z.string().nullable(),
  /** What the caller may do to this item, so the screen shows only the actions that work. */
  can: z.object({ manage: z.boolean(), complete: z.boolean() }),
});
export type Rectification = z.infer<typeof Rectification>;
export const RectificationList = z.object({ items: z.array(Rectification) });

export const UpdateRectificationBody = z
  .strictObject({
    ownerMemberId: z.number().int().positive(),
    measure: Line(2000),
    dueOn: DateOnly,
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, "nothing to change");
export type UpdateRectificationBody = z.infer<typeof UpdateRectificationBody>;

export const EvidenceFileParams = z.strictObject({ id: Id, fileId: Id });

export const CompleteRectificationBody = z.strictObject({ evidence: Line(2000) });
