import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Descriptions, Drawer, Form, Grid, Input, List, Tag } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../../shared/ui/FormModal";
import { chaptersOf } from "../chapters";
import { type Campaign, listArticles, listMaterials, withdrawCampaign } from "../study.api";

const when = (iso: string) => dayjs(iso).format("YYYY-MM-DD HH:mm");

/**
 * A campaign as published, read-only: what members were asked to read and how the paper is
 * drawn. While nobody has sat it, the secretary may withdraw it from here.
 */
export function CampaignDetail({
  campaign: c,
  onClose,
  onWithdrawn,
}: {
  campaign: Campaign;
  onClose: () => void;
  onWithdrawn: (notified: number) => void;
}) {
  const { t } = useTranslation();
  const narrow = !Grid.useBreakpoint().md;
  const [withdrawing, setWithdrawing] = useState(false);
  const materials = useQuery({
    queryKey: ["study", "materials", "ids", c.materialIds],
    queryFn: () => listMaterials({ ids: c.materialIds, limit: 100 }),
    enabled: c.materialIds.length > 0,
  });
  const articles = useQuery({ queryKey: ["study", "articles"], queryFn: listArticles });
  const chapters = new Map(chaptersOf(articles.data?.items ?? []).map((x) => [x.number, x.label]));
  const material = new Map((materials.data?.items ?? []).map((m) => [m.id, m.title]));
  const rule = (r: Campaign["rules"][number]) =>
    t("study.admin.ruleLine", {
      chapter:
        r.chapter === null
          ? t("study.admin.anyChapter")
          : (chapters.get(r.chapter) ?? t("study.admin.chapterN", { n: r.chapter })),
      type: r.type ? t(`study.type.${r.type}`) : t("study.admin.anyType"),
      count: r.count,
    });
  return (
    <Drawer
      open
      width={narrow ? "100%" : 640}
      title={c.title}
      onClose={onClose}
      extra={
        c.can.withdraw ? (
          <Button danger onClick={() => setWithdrawing(true)} data-testid="withdraw">
            {t("study.admin.withdraw")}
          </Button>
        ) : null
      }
    >
      {c.status === "withdrawn" ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("study.admin.withdrawnAt", { at: c.withdrawnAt ? when(c.withdrawnAt) : "" })}
          description={t("study.admin.withdrawnReason", { reason: c.withdrawReason ?? "" })}
        />
      ) : null}
      {c.status === "published" && !c.can.withdraw && c.sittings > 0 ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("study.admin.cannotWithdraw", { count: c.sittings })}
        />
      ) : null}
      <Descriptions
        column={1}
        size="small"
        bordered
        layout={narrow ? "vertical" : "horizontal"}
        data-testid="campaign-detail"
      >
        <Descriptions.Item label={t("study.admin.statusCol")}>
          <Tag>{t(`study.admin.status.${c.status}`)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t("study.admin.org")}>{c.orgName}</Descriptions.Item>
        <Descriptions.Item label={t("study.admin.dates")}>
          {`${when(c.startsAt)} ~ ${when(c.endsAt)}`}
        </Descriptions.Item>
        {c.description ? (
          <Descriptions.Item label={t("study.admin.description")}>
            <span style={{ whiteSpace: "pre-wrap" }}>{c.description}</span>
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t("study.admin.materialIds")}>
          {c.materialIds.length === 0
            ? t("study.admin.noMaterials")
            : c.materialIds.map((id) => <div key={id}>{material.get(id) ?? `#${id}`}</div>)}
        </Descriptions.Item>
        <Descriptions.Item label={t("study.exam")}>
          {t("study.examRules", {
            count: c.questionCount,
            minutes: c.timeLimitMinutes,
            pass: c.passMark,
            attempts: c.maxAttempts,
          })}
        </Descriptions.Item>
        <Descriptions.Item label={t("study.admin.rules")}>
          <List
            size="small"
            split={false}
            dataSource={c.rules}
            renderItem={(r) => <List.Item style={{ padding: "2px 0" }}>{rule(r)}</List.Item>}
          />
        </Descriptions.Item>
        {c.status !== "draft" ? (
          <Descriptions.Item label={t("study.admin.sittings")}>
            {t("study.admin.sittingsCount", { count: c.sittings })}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <FormModal<{ reason: string }>
        open={withdrawing}
        title={t("study.admin.withdrawTitle", { title: c.title })}
        okText={t("study.admin.withdraw")}
        danger
        fields={["reason"]}
        onClose={() => setWithdrawing(false)}
        onSubmit={async (v) => {
          const r = await withdrawCampaign(c.id, v.reason);
          setWithdrawing(false);
          onWithdrawn(r.notified);
        }}
      >
        {() => (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t("study.admin.withdrawWarning", { org: c.orgName })}
            />
            <Form.Item
              name="reason"
              label={t("study.admin.withdrawReason")}
              rules={[{ required: true, whitespace: true, min: 2, max: 500 }]}
            >
              <Input.TextArea
                rows={3}
                maxLength={500}
                showCount
                placeholder={t("study.admin.withdrawPlaceholder")}
                data-testid="withdraw-reason"
              />
            </Form.Item>
          </>
        )}
      </FormModal>
    </Drawer>
  );
}
