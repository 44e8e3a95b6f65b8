import type { Notification } from "../../../../server/src/modules/notifications/notifications.schemas.ts";
import { get, post } from "../../shared/api";

export type { Notification };

export interface NotificationPage {
  items: Notification[];
  total: number;
  unread: number;
}

export const INBOX_KEY = ["inbox"] as const;

export const listNotifications = (query: { page: number; pageSize: number; unreadOnly: boolean }) =>
  get<NotificationPage>("/notifications", query);
export const unreadCount = () => get<{ unread: number }>("/notifications/unread-count");
export const markRead = (id: number) =>
  post<{ id: number; readAt: string }>(`/notifications/${id}/read`);
export const markAllRead = () => post<{ read: number }>("/notifications/read-all");
