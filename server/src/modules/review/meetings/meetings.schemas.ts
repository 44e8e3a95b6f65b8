import { z } from "zod";
import { CursorQuery } from "../../../platform/keyset.ts";
import { DateOnly } from "../../members/members.schemas.ts";
import { Id } from "../../orgs/orgs.schemas.ts";
import { Line, MeetingKind, Prose, Year } from "../review.schemas.ts";

export const MeetingParams = z.strictObject({ id: Id });
export const AttachmentParams = z.strictObject({ id: Id, attachmentId: Id });

/** "14:30": a time of day on the meeting's date. */
const TimeOfDay = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, "HH:MM");

/** 主持人, 记录人, 列席 and the hours: what the 会议记录 names besides date and place. */
const RecordFields = {
  host: Line(50, 0),
  recorder: Line(50, 0),
  observers: Line(500, 0),
  startsAt: TimeOfDay.nullable(),
  endsAt: TimeOfDay.nullable(),
};

export const CreateMeetingBody = z.strictObject({
  ...(Object.fromEntries(Object.entries(RecordFields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof RecordFields]: z.ZodOptional<(typeof RecordFields)[K]>;
  }),
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
    ...RecordFields,
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
  ...CursorQuery,
});
export type MeetingListQuery = z.infer<typeof MeetingListQuery>;

const Attendee = z.object({
  memberId: z.number(),
  name: z.string(),
  isCadre: z.boolean(),
  position: z.string().nullable(),
  /** null until attendance is recorded (未登记). */
  present: z.boolean().nullable(),
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
  host: z.string(),
  recorder: z.string(),
  observers: z.string(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
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
