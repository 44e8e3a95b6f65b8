import { z } from "zod";
import { CursorQuery, nextCursorField } from "../../../platform/keyset.ts";
import { DateOnly } from "../../members/members.schemas.ts";
import { Id } from "../../orgs/orgs.schemas.ts";
import { Line } from "../review.schemas.ts";

export const RectificationQuery = z.strictObject({
  orgId: Id.optional(),
  meetingId: Id.optional(),
  /** done: reported done, waiting for 销号; closed: 已销号. */
  status: z.enum(["open", "overdue", "done", "closed"]).optional(),
  mine: z.enum(["true", "false"]).optional(),
  ...CursorQuery,
});
export type RectificationQuery = z.infer<typeof RectificationQuery>;

export const RectificationSource = z.enum(["self_review", "criticism", "higher_feedback", "other"]);
export const Rectification = z.object({
  id: z.number(),
  /** Where the problem was found: a self-review gap, 相互批评, a higher committee, other. */
  source: RectificationSource,
  meetingId: z.number().nullable(),
  meetingTopic: z.string().nullable(),
  orgId: z.number(),
  orgName: z.string(),
  owner: z.object({ id: z.number(), name: z.string() }),
  problem: z.string(),
  measure: z.string(),
  dueOn: z.string(),
  status: z.enum(["open", "done", "closed"]),
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
  /** The secretary's reason when returning the item, or word when closing it. */
  reviewComment: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** What the caller may do to this item, so the screen shows only the actions that work. */
  can: z.object({ manage: z.boolean(), complete: z.boolean(), review: z.boolean() }),
});
export type Rectification = z.infer<typeof Rectification>;
export const RectificationList = z.object({
  items: z.array(Rectification),
  nextCursor: nextCursorField,
});

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

export const CreateRectificationBody = z.strictObject({
  orgId: Id,
  source: z.enum(["criticism", "higher_feedback", "other"]),
  /** The meeting whose 相互批评 raised it; required for that source. */
  meetingId: Id.optional(),
  ownerMemberId: Id,
  problem: Line(1000, 2),
  measure: Line(2000, 2),
  dueOn: DateOnly,
});
export type CreateRectificationBody = z.infer<typeof CreateRectificationBody>;

export const CloseRectificationBody = z.strictObject({ comment: Line(1000).optional() });
export const ReturnRectificationBody = z.strictObject({ comment: Line(1000, 2) });

export const LedgerQuery = z.strictObject({
  orgId: Id,
  status: z.enum(["open", "overdue", "done", "closed"]).optional(),
});
