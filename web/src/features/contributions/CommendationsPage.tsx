import { useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  List,
  Segmented,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useOrgScope } from "../../app/org-scope";
import { LoadMore, useCursorList } from "../../shared/ui/cursor-list";
import { DownloadButton } from "../../shared/ui/DownloadButton";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { FormModal } from "../../shared/ui/FormModal";
import { CommendationItem } from "./CommendationItem";
import {
  approve,
  CONTRIBUTIONS_KEY,
  type Commendation,
  type CommendationState,
  decline,
  exportUrl,
  listCommendations,
} from "./contributions.api";
import { ReasonModal } from "./ReasonModal";

type Filter = CommendationState | "all";
const FILTERS: Filter[] = ["proposed", "approved", "declined", "all"];

/** 表彰: proposals to decide and the record of decisions, for the chosen org and below. */
export function CommendationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { current } = useOrgScope();
  const [filter, setFilter] = useState<Filter>("proposed");
  const [approving, setApproving] = useState<Commendation | null>(null);
  const [declining, setDeclining] = useState<Commendation | null>(null);
  const orgId = current?.orgId;
  const list = useCursorList({
    queryKey: [...CONTRIBUTIONS_KEY, "commendations", orgId, filter],
    fetchPage: (after) =>
      listCommendations({ orgId, state: filter === "all" ? undefined : filter, after }),
  });
  const refresh = () => client.invalidateQueries({ queryKey: CONTRIBUTIONS_KEY });
  const c = (k: string) => t(`contributions.commend.${k}`);

  return (
    <Card
      title={c("title")}
      extra={
        orgId ? (
          <DownloadButton href={exportUrl(orgId)} testId="export-commendations">
            {c("export")}
          </DownloadButton>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{c("intro")}</Typography.Paragraph>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Segmented
          value={filter}
          onChange={(v) => setFilter(v as Filter)}
          options={FILTERS.map((f) => ({
            value: f,
            label: f === "all" ? c("all") : t(`contributions.cstate.${f}`),
          }))}
        />
        {current ? (
          <Typography.Text type="secondary">
            {t("contributions.commend.exportHint", { org: current.orgName })}
          </Typography.Text>
        ) : null}
      </Flex>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      {!list.isLoading && list.items.length === 0 ? (
        <EmptyState description={c("none")} />
      ) : (
        <List
          itemLayout="vertical"
          loading={list.isLoading}
          dataSource={list.items}
          renderItem={(k) => (
            <CommendationItem
              c={k}
              showMember
              actions={
                k.can.decide
                  ? [
                      <Button
                        key="approve"
                        type="primary"
                        size="small"
                        onClick={() => setApproving(k)}
                      >
                        {c("approve")}
                      </Button>,
                      <Button key="decline" size="small" onClick={() => setDeclining(k)}>
                        {c("decline")}
                      </Button>,
                    ]
                  : undefined
              }
            />
          )}
        />
      )}
      <LoadMore list={list} />
      <FormModal<{ approvedOn: Dayjs; documentNo: string }>
        open={approving !== null}
        title={c("approveTitle")}
        fields={["approvedOn", "documentNo"]}
        initialValues={{ approvedOn: dayjs() }}
        onClose={() => setApproving(null)}
        onSubmit={async (v) => {
          if (!approving) return;
          await approve(approving.id, {
            approvedOn: v.approvedOn.format("YYYY-MM-DD"),
            documentNo: v.documentNo,
          });
          message.success(c("approved"));
          setApproving(null);
          await refresh();
        }}
      >
        {() => (
          <>
            <Typography.Paragraph>
              {approving ? `${approving.member.name} · ${approving.title}` : ""}
            </Typography.Paragraph>
            <Form.Item name="approvedOn" label={c("approvedOn")} rules={[{ required: true }]}>
              <DatePicker
                disabledDate={(d) => d.isAfter(dayjs(), "day")}
                style={{ width: "100%" }}
              />
            </Form.Item>
            <Form.Item
              name="documentNo"
              label={c("documentNo")}
              extra={c("documentHelp")}
              rules={[{ required: true, max: 100 }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </>
        )}
      </FormModal>
      <ReasonModal
        open={declining !== null}
        title={c("declineTitle")}
        label={c("declineReason")}
        onClose={() => setDeclining(null)}
        onSubmit={async (reason) => {
          if (!declining) return;
          await decline(declining.id, reason);
          message.success(c("declined"));
          setDeclining(null);
          await refresh();
        }}
      />
    </Card>
  );
}
