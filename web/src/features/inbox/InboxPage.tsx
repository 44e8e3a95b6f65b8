import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Badge, Button, Card, List, Segmented, Space, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import {
  INBOX_KEY,
  listNotifications,
  markAllRead,
  markRead,
  type Notification,
} from "./inbox.api";

const PAGE_SIZE = 20;

/** 消息中心: what the platform asked of this person, newest first; opening one marks it read. */
export function InboxPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useQuery({
    queryKey: [...INBOX_KEY, "list", page, unreadOnly],
    queryFn: () => listNotifications({ page, pageSize: PAGE_SIZE, unreadOnly }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => client.invalidateQueries({ queryKey: INBOX_KEY });
  const read = useMutation({ mutationFn: markRead, onSuccess: refresh });
  const readAll = useMutation({
    mutationFn: markAllRead,
    onSuccess: (r) => {
      message.success(t("inbox.allRead", { count: r.read }));
      void refresh();
    },
    onError: (e) => message.error(e.message),
  });

  const open = async (n: Notification) => {
    if (!n.readAt) await read.mutateAsync(n.id).catch(() => undefined);
    if (n.link) navigate(n.link);
  };

  const unread = list.data?.unread ?? 0;
  return (
    <Card
      title={
        <Space>
          {t("menu.inbox")}
          {unread > 0 && <Badge count={unread} />}
        </Space>
      }
      extra={
        <Button
          size="small"
          disabled={unread === 0}
          loading={readAll.isPending}
          onClick={() => readAll.mutate()}
          data-testid="inbox-read-all"
        >
          {t("inbox.readAll")}
        </Button>
      }
    >
      <Segmented
        style={{ marginBottom: 12 }}
        value={unreadOnly ? "unread" : "all"}
        onChange={(v) => {
          setUnreadOnly(v === "unread");
          setPage(1);
        }}
        options={[
          { value: "all", label: t("inbox.all") },
          { value: "unread", label: t("inbox.unread") },
        ]}
      />
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <List<Notification>
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{
          emptyText: (
            <EmptyState description={unreadOnly ? t("inbox.noneUnread") : t("inbox.empty")} />
          ),
        }}
        pagination={
          (list.data?.total ?? 0) > PAGE_SIZE && {
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            onChange: setPage,
            size: "small",
            showSizeChanger: false,
          }
        }
        renderItem={(n) => (
          <List.Item
            data-testid="inbox-item"
            onClick={() => void open(n)}
            style={{ cursor: "pointer", paddingInline: 8 }}
            actions={
              n.readAt
                ? []
                : [
                    <Button
                      key="read"
                      type="link"
                      size="small"
                      onClick={(e) => {
                        e.stopPropagation();
                        read.mutate(n.id);
                      }}
                    >
                      {t("inbox.markRead")}
                    </Button>,
                  ]
            }
          >
            <List.Item.Meta
              avatar={<Badge status={n.readAt ? "default" : "error"} />}
              title={
                <Typography.Text strong={!n.readAt} style={{ whiteSpace: "normal" }}>
                  {n.title}
                </Typography.Text>
              }
              description={
                <>
                  {n.body && <div style={{ whiteSpace: "pre-wrap" }}>{n.body}</div>}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {dayjs(n.createdAt).format("YYYY-MM-DD HH:mm")}
                    {n.link ? ` · ${t("inbox.open")}` : ""}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
