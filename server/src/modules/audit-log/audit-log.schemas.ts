import { z } from "zod";

export const AuditEventsQuery = z
  .object({
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
    action: z.string().trim().min(1).max(64).optional(),
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
  sealed: z.boolean(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditEventPage = z.object({ items: z.array(AuditEvent), total: z.number() });

export const VerifyResponse = z.object({
  ok: z.boolean(),
  rows: z.number(),
  unsealed: z.number().optional(),
  brokenAt: z.object({ chainSeq: z.number(), id: z.number().nullable() }).optional(),
  reason: z.string().optional(),
  checkedAt: z.string(),
});
