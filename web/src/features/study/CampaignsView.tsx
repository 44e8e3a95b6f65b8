import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Flex, Grid, Space, Table, Tag } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useOrgScope } from "../../app/org-scope";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { CampaignForm } from "./CampaignForm";
import { RankingSwitch } from "./RankingSwitch";
import { type Campaign, listCampaigns, publishCampaign } from "./study.api";

/** Campaigns of the subtrees the secretary manages: create, publish, follow up. */
export function CampaignsView() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { current } = useOrgScope();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Campaign | null>(null);
  const list = useQuery({ queryKey: ["study", "campaigns"], queryFn: listCampaigns });
  const publish = useMutation({
    mutationFn: publishCampaign,
    onSuccess: () => {
      void message.success(t("study.admin.published"));
      void client.invalidateQueries({ queryKey: ["study", "campaigns"] });
    },
  });
  // On a phone: the toolbar above the table, and period and status under each title.
  const narrow = !Grid.useBreakpoint().md;
  const period = (c: Campaign) =>
    `${dayjs(c.startsAt).format("MM-DD")} ~ ${dayjs(c.endsAt).format("MM-DD")}`;
  const statusTag = (s: Campaign["status"]) => (
    <Tag color={s === "published" ? "red" : undefined}>{t(`study.admin.status.${s}`)}</Tag>
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
        dataSource={list.data?.items}
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
                    onClick={() => publish.mutate(c.id)}
                    data-testid={`publish-${c.id}`}
                  >
                    {t("study.admin.publish")}
                  </Button>
                ) : null}
                {c.can.results && c.status !== "draft" ? (
                  <Link to={`/study-admin/campaigns/${c.id}`}>
                    <Button size="small">{t("study.admin.results")}</Button>
                  </Link>
                ) : null}
              </Flex>
            ),
          },
        ]}
      />
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
            void client.invalidateQueries({ queryKey: ["study", "campaigns"] });
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
            void client.invalidateQueries({ queryKey: ["study", "campaigns"] });
          }}
        />
      ) : null}
    </Card>
  );
}
