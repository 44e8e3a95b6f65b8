import { z } from "zod";

export const ListQuery = z
  .object({
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
    unreadOnly: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
  })
  .strict();

export const Notification = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationPage = z.object({
  items: z.array(Notification),
  total: z.number(),
  unread: z.number(),
});
export const IdParams = z.object({ id: z.coerce.number().int().positive() });
export const ReadResponse = z.object({ id: z.number(), readAt: z.string() });
export const ReadAllResponse = z.object({ read: z.number() });
export const UnreadCount = z.object({ unread: z.number() });
export const EmptyBody = z.strictObject({}).nullish();

export const ReceiptsQuery = z
  .object({ sourceType: z.string().min(1).max(64), sourceId: z.string().min(1).max(64) })
  .strict();
export const Receipts = z.object({
  sent: z.number(),
  read: z.number(),
  items: z.array(
    z.object({
      userId: z.number(),
      displayName: z.string(),
      createdAt: z.string(),
      readAt: z.string().nullable(),
    }),
  ),
});
