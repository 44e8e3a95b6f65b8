import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Descriptions, Form, Input, List, Segmented, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useOrgScope } from "../../../app/org-scope";
import { LoadMore, useCursorList } from "../../../shared/ui/cursor-list";
import { EmptyState } from "../../../shared/ui/EmptyState";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import { FormModal } from "../../../shared/ui/FormModal";
import { closeFollowup, type Followup, listFollowups } from "../review.api";

const FILTERS = ["open", "closed", "all"] as const;
interface CloseValues {
  measures: string;
  outcome: string;
}

/**
 * 处置: members graded 不合格 and what the organization did about each. A card per record
 * reads the same on a phone and a desk; closing asks for the measures and the outcome and
 * is confirmed, since a closed record cannot be reopened from here.
 */
export function FollowupsPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const { current } = useOrgScope();
  const client = useQueryClient();
  const [status, setStatus] = useState<(typeof FILTERS)[number]>("open");
  const [closing, setClosing] = useState<Followup | null>(null);
  const query = useCursorList({
    queryKey: ["review", "followups", current?.orgId, status],
    fetchPage: (after) =>
      listFollowups({
        orgId: current?.orgId,
        status: status === "all" ? undefined : status,
        after,
      }),
    enabled: Boolean(current),
  });
  const submit = async (v: CloseValues) => {
    if (!closing) return;
    const confirmed = await modal.confirm({
      title: t("review.followup.confirm", { name: closing.member.name }),
      okText: t("common.confirm"),
      cancelText: t("common.cancel"),
    });
    if (!confirmed) return;
    await closeFollowup(closing.id, v);
    await client.invalidateQueries({ queryKey: ["review"] });
    message.success(t("review.followup.closed"));
    setClosing(null);
  };
  return (
    <Card title={t("review.tabs.followups")}>
      <Segmented
        value={status}
        onChange={(v) => setStatus(v as typeof status)}
        options={FILTERS.map((f) => ({ value: f, label: t(`review.followup.filter.${f}`) }))}
        style={{ marginBottom: 12 }}
      />
      <ErrorAlert error={query.error} onRetry={() => query.refetch()} />
      {query.isSuccess && query.items.length === 0 ? (
        <EmptyState description={t("review.followup.none")} />
      ) : (
        <List
          loading={query.isLoading}
          dataSource={query.items}
          renderItem={(f) => (
            <List.Item key={f.id} data-testid={`followup-${f.id}`} style={{ display: "block" }}>
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                title={f.member.name}
                extra={
                  f.status === "open" ? (
                    <Tag color="orange">{t("review.followup.open")}</Tag>
                  ) : (
                    <Tag color="green">{t("review.followup.done")}</Tag>
                  )
                }
                items={[
                  {
                    label: t("review.followup.round"),
                    children: t("review.followup.roundOf", {
                      org: f.round.orgName,
                      year: f.round.year,
                    }),
                  },
                  { label: t("review.followup.reason"), children: f.reason },
                  { label: t("review.followup.openedAt"), children: f.openedAt },
                  ...(f.status === "closed"
                    ? [
                        { label: t("review.followup.measures"), children: f.measures ?? "—" },
                        { label: t("review.followup.outcome"), children: f.outcome ?? "—" },
                        {
                          label: t("review.followup.closedBy"),
                          children: `${f.closedBy ?? t("review.followup.bySystem")} · ${f.closedAt ?? ""}`,
                        },
                      ]
                    : []),
                ]}
              />
              {f.can.close && (
                <Button
                  type="primary"
                  size="small"
                  style={{ marginTop: 8 }}
                  onClick={() => setClosing(f)}
                >
                  {t("review.followup.close")}
                </Button>
              )}
            </List.Item>
          )}
        />
      )}
      <LoadMore list={query} />
      <FormModal<CloseValues>
        open={closing !== null}
        title={t("review.followup.closeTitle", { name: closing?.member.name ?? "" })}
        okText={t("review.followup.close")}
        fields={["measures", "outcome"]}
        onSubmit={submit}
        onClose={() => setClosing(null)}
      >
        {() => (
          <>
            <Form.Item
              name="measures"
              label={t("review.followup.measures")}
              rules={[{ required: true, whitespace: true, min: 2, max: 5000 }]}
            >
              <Input.TextArea rows={4} placeholder={t("review.followup.measuresHint")} />
            </Form.Item>
            <Form.Item
              name="outcome"
              label={t("review.followup.outcome")}
              rules={[{ required: true, whitespace: true, min: 2, max: 2000 }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
          </>
        )}
      </FormModal>
    </Card>
  );
}
