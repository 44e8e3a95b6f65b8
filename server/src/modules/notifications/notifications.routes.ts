import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { recordAudit } from "../../platform/audit/record.ts";
import { can } from "../../platform/auth/actor.ts";
import { actorOf, auditActorOf, requirePermission } from "../../platform/auth/plugin.ts";
import type { AppContext } from "../../platform/context.ts";
import { withTx } from "../../platform/db/pool.ts";
import { NotFound } from "../../platform/errors.ts";
import { listOwn, markAllRead, markRead, receipts, unreadCount } from "./notifications.repo.ts";
import {
  EmptyBody,
  IdParams,
  ListQuery,
  NotificationPage,
  ReadAllResponse,
  ReadResponse,
  Receipts,
  ReceiptsQuery,
  UnreadCount,
} from "./notifications.schemas.ts";

const tags = ["notifications"];
const NOTIFICATION = { "zh-CN": "通知", "en-US": "Notification" };

export async function notificationsRoutes(app: FastifyInstance, ctx: AppContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/notifications",
    {
      schema: {
        tags,
        summary: "我的通知",
        querystring: ListQuery,
        response: { 200: NotificationPage },
      },
    },
    async (req) => listOwn(ctx.db, actorOf(req).userId, req.query),
  );

  api.get(
    "/notifications/unread-count",
    {
      schema: { tags, summary: "未读消息数（页头角标）", response: { 200: UnreadCount } },
    },
    async (req) => ({ unread: await unreadCount(ctx.db, actorOf(req).userId) }),
  );

  api.post(
    "/notifications/read-all",
    {
      schema: {
        tags,
        summary: "全部标为已读",
        body: EmptyBody,
        response: { 200: ReadAllResponse },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return withTx(ctx.db, async (tx) => {
        const read = await markAllRead(tx, actor.userId);
        if (read > 0) {
          await recordAudit(tx, auditActorOf(req), {
            action: "notification.read_all",
            entityType: "notification",
            entityId: null,
            after: { read },
          });
        }
        return { read };
      });
    },
  );

  api.post(
    "/notifications/:id/read",
    {
      schema: {
        tags,
        summary: "标记为已读（回执）",
        params: IdParams,
        response: { 200: ReadResponse },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return withTx(ctx.db, async (tx) => {
        const read = await markRead(tx, actor.userId, req.params.id);
        if (!read) throw new NotFound(NOTIFICATION);
        await recordAudit(tx, auditActorOf(req), {
          action: "notification.read",
          entityType: "notification",
          entityId: read.id,
          orgPath: read.org_path,
        });
        return { id: read.id, readAt: read.read_at.toISOString() };
      });
    },
  );

  api.get(
    "/notifications/receipts",
    {
      schema: {
        tags,
        summary: "通知阅读回执（发送方，管辖范围内）",
        querystring: ReceiptsQuery,
        response: { 200: Receipts },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(can(actor, "members:read"));
      return receipts(ctx.db, actor, "members:read", req.query.sourceType, req.query.sourceId);
    },
  );
}
