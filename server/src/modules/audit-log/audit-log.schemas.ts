import { z } from "zod";

export const AuditEventsQuery = z
  .object({
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
    /** A prefix of the code: "member." is every member action. */
    action: z.string().trim().min(1).max(64).optional(),
    /** Exact codes, comma-separated, as the action picker sends them. */
    actions: z
      .string()
      .max(4000)
      .regex(/^[a-z_]+(\.[a-z_]+)+(,[a-z_]+(\.[a-z_]+)+)*$/)
      .optional(),
    /** A word in Chinese or English: an action's name, or a person's name or username. */
    q: z.string().trim().min(1).max(50).optional(),
    actor: z.string().trim().min(1).max(64).optional(),
    entityType: z.string().trim().min(1).max(64).optional(),
    orgId: z.coerce.number().int().positive().optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type AuditEventsQuery = z.infer<typeof AuditEventsQuery>;

export const AuditEvent = z.object({
  id: z.number(),
  occurredAt: z.string(),
  actorUserId: z.number().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  orgPath: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  sealed: z.boolean(),
  /** The account's display name; actorLabel stays the username (or system, cli). */
  actorName: z.string().nullable(),
  orgName: z.string().nullable(),
  /** Names of the orgs on orgPath, from the top down. */
  orgTrail: z.array(z.string()),
  /** The member's, account's or org's name when the record is one of those. */
  entityName: z.string().nullable(),
  /** Names of people and orgs the changes mention by id: "member:12" -> "王建国". */
  names: z.record(z.string(), z.string()),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditEventPage = z.object({ items: z.array(AuditEvent), total: z.number() });

export const VerifyResponse = z.object({
  ok: z.boolean(),
  rows: z.number(),
  unsealed: z.number().optional(),
  brokenAt: z.object({ chainSeq: z.number(), id: z.number().nullable() }).optional(),
  reason: z.string().optional(),
  /** Signed checkpoints the chain was held against; null where none are kept. */
  checkpoints: z.number().nullable(),
  checkedAt: z.string(),
});
