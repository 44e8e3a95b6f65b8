import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Flex, Grid, Space, Table, Tag } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useOrgScope } from "../../../app/org-scope";
import { LoadMore, useCursorList } from "../../../shared/ui/cursor-list";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import { RankingSwitch } from "../practice/RankingSwitch";
import { type Campaign, listCampaigns, publishCampaign } from "../study.api";
import { CampaignDetail } from "./CampaignDetail";
import { CampaignForm } from "./CampaignForm";

/** Campaigns of the subtrees the secretary manages: create, publish, follow up. */
export function CampaignsView() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const { current } = useOrgScope();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Campaign | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);
  const list = useCursorList({ queryKey: ["study", "campaigns"], fetchPage: listCampaigns });
  const refresh = () => client.invalidateQueries({ queryKey: ["study", "campaigns"] });
  const publish = useMutation({
    mutationFn: publishCampaign,
    onSuccess: () => {
      void message.success(t("study.admin.published"));
      void refresh();
    },
  });
  // Publishing tells every member at once and freezes the campaign: it is asked, not clicked.
  const confirmPublish = (c: Campaign) =>
    modal.confirm({
      title: t("study.admin.publishTitle", { title: c.title }),
      content: t("study.admin.publishBody", { org: c.orgName }),
      okText: t("study.admin.publish"),
      cancelText: t("common.cancel"),
      onOk: () => publish.mutateAsync(c.id).catch(() => undefined),
    });
  const shown = list.items.find((c) => c.id === viewing) ?? null;
  // On a phone: the toolbar above the table, and period and status under each title.
  const narrow = !Grid.useBreakpoint().md;
  const period = (c: Campaign) =>
    `${dayjs(c.startsAt).format("MM-DD")} ~ ${dayjs(c.endsAt).format("MM-DD")}`;
  const statusTag = (s: Campaign["status"]) => (
    <Tag color={s === "published" ? "red" : s === "withdrawn" ? "orange" : undefined}>
      {t(`study.admin.status.${s}`)}
    </Tag>
  );
  const toolbar = (
    <Space wrap>
      <Link to="/study-admin/questions">
        <Button>{t("study.admin.bank")}</Button>
      </Link>
      <Link to="/study-admin/materials">
        <Button>{t("study.admin.materials")}</Button>
      </Link>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        disabled={!current}
        onClick={() => setCreating(true)}
        data-testid="new-campaign"
      >
        {t("study.admin.newCampaign")}
      </Button>
    </Space>
  );
  return (
    <Card title={t("study.admin.campaigns")} extra={narrow ? undefined : toolbar}>
      {narrow ? <div style={{ marginBottom: 12 }}>{toolbar}</div> : null}
      <ErrorAlert
        error={list.error ?? publish.error}
        onRetry={list.error ? () => list.refetch() : undefined}
      />
      <Table<Campaign>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.items}
        pagination={false}
        columns={[
          {
            title: t("study.admin.title"),
            dataIndex: "title",
            render: (title: string, c) =>
              narrow ? (
                <>
                  <div>{title}</div>
                  <Space size={4} style={{ marginTop: 4 }}>
                    {statusTag(c.status)}
                    <span>{period(c)}</span>
                  </Space>
                </>
              ) : (
                title
              ),
          },
          { title: t("study.admin.org"), dataIndex: "orgName", responsive: ["md"] },
          {
            title: t("study.admin.dates"),
            key: "dates",
            responsive: ["md"],
            render: (_, c) => period(c),
          },
          {
            title: t("study.admin.statusCol"),
            dataIndex: "status",
            responsive: ["md"],
            render: (s: Campaign["status"]) => statusTag(s),
          },
          {
            key: "actions",
            render: (_, c) => (
              <Flex gap={8} wrap>
                {c.can.edit ? (
                  <Button size="small" onClick={() => setEditing(c)} data-testid={`edit-${c.id}`}>
                    {t("study.admin.edit")}
                  </Button>
                ) : null}
                {c.can.publish ? (
                  <Button
                    size="small"
                    type="primary"
                    loading={publish.isPending}
                    onClick={() => confirmPublish(c)}
                    data-testid={`publish-${c.id}`}
                  >
                    {t("study.admin.publish")}
                  </Button>
                ) : null}
                {c.status !== "draft" ? (
                  <Button
                    size="small"
                    onClick={() => setViewing(c.id)}
                    data-testid={`view-${c.id}`}
                  >
                    {t("study.admin.view")}
                  </Button>
                ) : null}
                {c.can.results ? (
                  <Link to={`/study-admin/campaigns/${c.id}`}>
                    <Button size="small">{t("study.admin.results")}</Button>
                  </Link>
                ) : null}
              </Flex>
            ),
          },
        ]}
      />
      <LoadMore list={list} />
      {current ? (
        <div style={{ marginTop: 12 }}>
          <RankingSwitch orgId={current.orgId} />
        </div>
      ) : null}
      {current ? (
        <CampaignForm
          orgId={current.orgId}
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            void message.success(t("study.admin.created"));
            void refresh();
          }}
        />
      ) : null}
      {shown ? (
        <CampaignDetail
          campaign={shown}
          onClose={() => setViewing(null)}
          onWithdrawn={(notified) => {
            void message.success(t("study.admin.withdrawn", { count: notified }));
            void refresh();
          }}
        />
      ) : null}
      {current && editing ? (
        <CampaignForm
          orgId={current.orgId}
          campaign={editing}
          open
          onClose={() => setEditing(null)}
          onCreated={() => {
            setEditing(null);
            void message.success(t("study.admin.saved"));
            void refresh();
          }}
        />
      ) : null}
    </Card>
  );
}
